import { expect } from "chai";
import { csvField, neutralise } from "../../server/presenters/export.ts";
import { signatureProblem, signPayload } from "../../server/integrations/signature.ts";
import { upstreamStepOf } from "../../server/integrations/steps.ts";
import { backoffMs } from "../../server/jobs/webhookWorker.ts";

describe("integration rules", () => {
  describe("signatures", () => {
    const secret = "ows_test";
    const now = Date.UTC(2026, 10, 27, 8, 30, 0);
    const ts = String(now / 1000);
    it("signs timestamp + '.' + body with HMAC-SHA256 as sha256=<hex>", () => {
      // Fixed vector: printf '1795768200.{"a":1}' | openssl dgst -sha256 -hmac ows_test
      expect(signPayload(secret, ts, '{"a":1}')).to.equal("sha256=6f15c3aba6a6b66e970f980e2a0e6fe3eb6f078b2c88cb6433439a37e58b474a");
      expect(signPayload(secret, ts, '{"a":1}')).to.equal(signPayload(secret, Number(ts), Buffer.from('{"a":1}')));
    });
    it("accepts a good signature and names what is wrong with a bad one", () => {
      const sig = signPayload(secret, ts, "body");
      expect(signatureProblem(secret, { timestamp: ts, signature: sig }, "body", now)).to.equal(null);
      expect(signatureProblem(secret, { timestamp: ts, signature: sig.toUpperCase().replace("SHA256", "sha256") }, "body", now)).to.equal(null);
      expect(signatureProblem(secret, { timestamp: ts, signature: undefined }, "body", now)).to.equal("missing");
      expect(signatureProblem(secret, { timestamp: ts, signature: sig }, "body!", now)).to.equal("mismatch");
      expect(signatureProblem("other", { timestamp: ts, signature: sig }, "body", now)).to.equal("mismatch");
      expect(signatureProblem(secret, { timestamp: ts, signature: "sha256=zz" }, "body", now)).to.equal("mismatch");
      expect(signatureProblem(secret, { timestamp: ts, signature: sig }, "body", now + 301_000)).to.equal("stale");
      expect(signatureProblem(secret, { timestamp: ts, signature: sig }, "body", now + 300_000)).to.equal(null);
      expect(signatureProblem(secret, { timestamp: "1e9", signature: sig }, "body", now)).to.equal("stale");
    });
  });

  describe("spreadsheet cells", () => {
    it("prefixes text starting with = + - @ tab or CR with an apostrophe, and leaves the rest", () => {
      for (const s of ["=1+1", "+1", "-1", "@A1", "\tx", "\rx"]) expect(neutralise(s)).to.equal(`'${s}`);
      expect(neutralise("普通 = 文本")).to.equal("普通 = 文本");
      expect(neutralise(-3)).to.equal(-3);
      expect(neutralise(null)).to.equal("");
    });
    it("quotes CSV fields with commas, quotes or line breaks", () => {
      expect(csvField('a,"b"')).to.equal('"a,""b"""');
      expect(csvField("x\ny")).to.equal('"x\ny"');
      expect(csvField("plain")).to.equal("plain");
    });
  });

  describe("upper platform step codes", () => {
    const step = (action: string, data: Record<string, unknown> = {}) => upstreamStepOf({ action, data });
    it("maps the flow 受理 → 派单 → 签收 → 退单 → 延期 → 办结 → 回访", () => {
      expect(["intake", "dispatch", "sign", "return", "request-extension", "reply", "callback"].map((a) => step(a, { role: "lead" })?.code)).to.deep.equal(["SL", "PD", "QS", "TD", "YQ", "BJ", "HF"]);
    });
    it("carries decisions, and has no step for internal actions or a co-handler's signature", () => {
      expect(step("decide-extension", { approve: true })).to.deep.include({ code: "YQ", approved: true });
      expect(step("decide-return", { approve: false })).to.deep.include({ code: "TD", approved: false });
      expect(step("comment")).to.equal(null);
      expect(step("sign", { role: "co" })).to.equal(null);
    });
  });

  describe("retry backoff", () => {
    it("doubles from the base up to the cap, with half of each delay random", () => {
      expect(backoffMs(1, 1000, 60_000, () => 0)).to.equal(500);
      expect(backoffMs(1, 1000, 60_000, () => 1)).to.equal(1000);
      expect(backoffMs(4, 1000, 60_000, () => 1)).to.equal(8000);
      expect(backoffMs(30, 1000, 60_000, () => 1)).to.equal(60_000);
      expect(backoffMs(30, 1000, 60_000, () => 0)).to.equal(30_000);
    });
  });
});
