import { expect } from "chai";
import { normaliseUsername } from "../../server/auth/signInLimits.ts";
import { loggableUrl } from "../../server/logger.ts";
import { tokenBucket } from "../../server/rules/tokenBucket.ts";

describe("sign-in and socket limits, log redaction (pure parts)", () => {
  it("normalises user names so padding, case and full-width letters share one count", () => {
    for (const name of ["admin", " admin ", "ADMIN", "ａｄｍｉｎ", "\u3000Admin\t"]) expect(normaliseUsername(name)).to.equal("admin");
    expect(normaliseUsername(undefined)).to.equal("");
    expect(normaliseUsername("x".repeat(500))).to.have.length(100);
  });

  it("lets a burst through, then refills at the given rate", () => {
    let now = 0;
    const take = tokenBucket(3, 2, () => now);
    expect([take(), take(), take(), take()]).to.deep.equal([true, true, true, false]);
    now += 499;
    expect(take()).to.equal(false);
    now += 1;
    expect([take(), take()]).to.deep.equal([true, false]);
    now += 60_000;
    expect([take(), take(), take(), take()]).to.deep.equal([true, true, true, false]);
  });

  it("keeps query parameter names but never their values in a logged URL", () => {
    expect(loggableUrl("/api/cases?phone=13800138000&q=%E5%99%AA&status=registered")).to.equal("/api/cases?phone=~&q=~&status=~");
    expect(loggableUrl("/api/cases/abc")).to.equal("/api/cases/abc");
    expect(loggableUrl("/api/cases?flag")).to.equal("/api/cases?flag=~");
  });
});
