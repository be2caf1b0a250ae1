import { expect } from "chai";
import type { Express } from "express";
import request from "supertest";
import { createApp } from "../../server/app.ts";
import { FakeClock } from "../../server/clock.ts";
import type { AppDeps } from "../../server/context.ts";
import { checkReply } from "../../server/rules/replyCheck.ts";
import { authHeader, buildDepartment, buildUser } from "../factories.ts";
import { act, actOk, createCase, readCase, type Header } from "../support/api.ts";
import { MATTERS, REPLY_SET } from "../support/replyCheckSet.ts";
import { testDeps } from "../support/testDeps.ts";

const GOOD_REPLY = "经我局执法人员现场核查，已责令施工单位晚上十点后停止夜间施工噪音作业。承办人李工，电话0570-3012345。";
const LEAKING_REPLY = "已责令施工单位停止夜间施工，施工负责人陈某电话13812345678，承办人李工，电话0570-3012345。";

describe("reply checks (答复质检)", () => {
  describe("the labelled set", () => {
    const run = (label: string) =>
      REPLY_SET.filter((r) => r.label === label).map((r) => ({ r, codes: checkReply({ content: r.content, matter: MATTERS[r.matter] }).map((f) => `${f.severity}:${f.code}`) }));

    it("holds at least 60 replies", () => expect(REPLY_SET.length).to.be.at.least(60));

    it("never blocks a good reply", () => {
      for (const { r, codes } of run("good")) expect(codes.filter((c) => c.startsWith("block")), r.content).to.deep.equal([]);
    });

    it("blocks every leaking reply on a phone or ID number, and every empty or template-only one", () => {
      for (const { r, codes } of run("leaking")) expect(codes.some((c) => /^block:(third_party_phone|requester_phone|id_number)$/.test(c)), r.content).to.equal(true);
      for (const { r, codes } of run("empty")) expect(codes, r.content).to.include("block:empty_or_template");
    });

    it("reports how many off-topic replies get the 答非所问 warning (and how many good ones do)", () => {
      const offTopic = run("off_topic");
      const flagged = offTopic.filter((x) => x.codes.includes("warn:off_topic")).length;
      const goodFlagged = run("good").filter((x) => x.codes.includes("warn:off_topic")).length;
      console.log(`      答非所问: ${flagged}/${offTopic.length} off-topic replies warned; ${goodFlagged}/${run("good").length} good replies warned`);
      expect(offTopic.every((x) => !x.codes.some((c) => c.startsWith("block")))).to.equal(true);
      expect(flagged).to.be.at.least(Math.ceil(offTopic.length * 0.8));
    });
  });

  describe("the API", () => {
    let deps: AppDeps;
    let app: Express;
    let dept: string;
    let operator: Header, handler: Header, otherHandler: Header, supervisor: Header, deptSupervisor: Header, otherSupervisor: Header, enterprise: Header;

    before(async function () {
      this.timeout(120_000);
      deps = await testDeps({ clock: new FakeClock(new Date("2022-06-15T02:00:00Z")) });
      app = createApp(deps);
      const db = deps.database.db;
      dept = (await buildDepartment(db)).id;
      const other = (await buildDepartment(db)).id;
      operator = await authHeader(deps.tokens, await buildUser(db, "operator"));
      handler = await authHeader(deps.tokens, await buildUser(db, "handler", { departmentId: dept }));
      otherHandler = await authHeader(deps.tokens, await buildUser(db, "handler", { departmentId: other }));
      supervisor = await authHeader(deps.tokens, await buildUser(db, "supervisor"));
      deptSupervisor = await authHeader(deps.tokens, await buildUser(db, "supervisor", { departmentId: dept }));
      otherSupervisor = await authHeader(deps.tokens, await buildUser(db, "supervisor", { departmentId: other }));
      enterprise = await authHeader(deps.tokens, await buildUser(db, "enterprise"));
    });

    async function caseInProgress(): Promise<string> {
      const kase = await createCase(app, operator);
      await actOk(app, operator, kase.id, "dispatch", { departmentId: dept });
      await actOk(app, handler, kase.id, "sign");
      return kase.id;
    }
    const check = (who: Header, id: string, body: unknown) => request(app).post(`/api/cases/${id}/reply-check`).set(who).send(body as object);
    const override = (who: Header, id: string, body: unknown) => request(app).post(`/api/cases/${id}/reply-check/override`).set(who).send(body as object);

    it("checks a draft for the lead handler: spans of leaks, the requester's own phone, warnings, localized messages", async () => {
      const id = await caseInProgress();
      const ok = await check(handler, id, { content: GOOD_REPLY }).expect(200);
      expect(ok.body).to.deep.equal({ ok: true, findings: [] });
      const leak = await check(handler, id, { content: LEAKING_REPLY }).expect(200);
      expect(leak.body.ok).to.equal(false);
      const [phone] = leak.body.findings;
      expect(phone).to.include({ code: "third_party_phone", severity: "block" });
      expect(LEAKING_REPLY.slice(phone.span[0], phone.span[1])).to.equal("13812345678");
      const own = await check(handler, id, { content: `${GOOD_REPLY}已回电13800138000告知结果。` }).set("Accept-Language", "en").expect(200);
      expect(own.body.findings[0]).to.include({ code: "requester_phone", severity: "block" });
      expect(own.body.findings[0].message).to.match(/requester's own/);
      const empty = await check(handler, id, { content: "" }).expect(200);
      expect(empty.body.findings.map((f: { code: string }) => f.code)).to.deep.equal(["empty_or_template"]);
      const warned = await check(handler, id, { content: "贵公司申请的高新技术企业认定材料已受理，专家评审将于下月进行。" }).expect(200);
      expect(warned.body).to.deep.include({ ok: true });
      expect(warned.body.findings.map((f: { code: string }) => f.code)).to.deep.equal(["off_topic", "no_contact"]);
    });

    it("answers 404 to who cannot read the case, 403 to who can but may not reply, 400 to a bad body", async () => {
      const id = await caseInProgress();
      await check(otherHandler, id, { content: GOOD_REPLY }).expect(404);
      await check(enterprise, id, { content: GOOD_REPLY }).expect(404);
      await check(operator, id, { content: GOOD_REPLY }).expect(403);
      await check(deptSupervisor, id, { content: GOOD_REPLY }).expect(403);
      await check(handler, "no-such-case", { content: GOOD_REPLY }).expect(404);
      const bad = await check(handler, id, { content: 12 }).expect(400);
      expect(bad.body.error.code).to.equal("validation_failed");
      await check(handler, id, {}).expect(400);
      await request(app).post(`/api/cases/${id}/reply-check`).send({ content: GOOD_REPLY }).expect(401);
    });

    it("refuses a reply with a blocking finding (400, findings in details) and writes nothing", async () => {
      const id = await caseInProgress();
      const before = (await readCase(app, handler, id)).body;
      const res = await act(app, handler, id, "reply", { content: LEAKING_REPLY }).expect(400);
      expect(res.body.error.code).to.equal("validation_failed");
      expect(res.body.error.details[0]).to.include({ path: "content", code: "third_party_phone", severity: "block" });
      expect(res.body.error.details[0].span).to.have.length(2);
      const after = (await readCase(app, handler, id)).body;
      expect(after.case.status).to.equal("in_progress");
      expect(after.case.version).to.equal(before.case.version);
      expect(after.timeline.length).to.equal(before.timeline.length);
      const replied = await actOk(app, handler, id, "reply", { content: GOOD_REPLY });
      expect(replied.case.status).to.equal("replied");
    });

    it("lets a supervisor's override, recorded on the internal timeline, through for one reply only", async () => {
      const id = await caseInProgress();
      await override(handler, id, { reason: "诉求人书面同意公开" }).expect(403);
      await override(otherSupervisor, id, { reason: "诉求人书面同意公开" }).expect(404);
      await override(supervisor, id, {}).expect(400);
      const o = await override(deptSupervisor, id, { reason: "施工负责人同意公开联系方式" }).expect(201);
      expect(o.body.event).to.include({ action: "reply-override", public: false });
      const replied = await actOk(app, handler, id, "reply", { content: LEAKING_REPLY });
      expect(replied.event.data).to.deep.include({ overriddenFindings: ["third_party_phone"] });
      const timeline = (await readCase(app, handler, id)).body.timeline.map((e: { action: string }) => e.action);
      expect(timeline.slice(-2)).to.deep.equal(["reply-override", "reply"]);
      // Reopened: the override was used up.
      await actOk(app, operator, id, "reject-reply", { reason: "答复泄露他人电话" });
      await act(app, handler, id, "reply", { content: LEAKING_REPLY }).expect(400);
      await override(deptSupervisor, id, { reason: "再次同意" }).expect(201);
      await actOk(app, handler, id, "reply", { content: LEAKING_REPLY });
      // Only in progress: nothing to override on a replied case.
      await override(supervisor, id, { reason: "无" }).expect(409);
    });
  });
});
