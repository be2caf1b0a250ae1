import { expect } from "chai";
import type { Express } from "express";
import request from "supertest";
import { findCaseById, listEvents } from "../../models/queries/cases.ts";
import { createApp } from "../../server/app.ts";
import { FakeClock } from "../../server/clock.ts";
import type { AppDeps } from "../../server/context.ts";
import { sweepOnce } from "../../server/jobs/deadlineSweeper.ts";
import { authHeader, buildDepartment, buildUser, unique } from "../factories.ts";
import { act, actOk, createCase, type Header } from "../support/api.ts";
import { shanghai as sh } from "../support/dates.ts";
import { testDeps } from "../support/testDeps.ts";

const before1s = (d: Date) => new Date(d.getTime() - 1000);

// Issue #11, "Domain mismatches" 2–6: each block fails on the code before the issue and holds after it.
describe("domain rules (issue #11)", () => {
  let deps: AppDeps;
  let clock: FakeClock;
  let app: Express;
  let admin: Header, operator: Header, handler: Header;
  let dept: string;

  before(async () => {
    clock = new FakeClock(sh("2025-09-26 16:00"));
    deps = await testDeps({ clock });
    app = createApp(deps);
    const db = deps.database.db;
    dept = (await buildDepartment(db)).id;
    admin = await authHeader(deps.tokens, await buildUser(db, "admin"));
    operator = await authHeader(deps.tokens, await buildUser(db, "operator"));
    handler = await authHeader(deps.tokens, await buildUser(db, "handler", { departmentId: dept }));
  });

  /** A case registered and dispatched to `dept` at `at`. */
  async function dispatchedAt(at: Date, overrides: Record<string, unknown> = {}): Promise<string> {
    clock.set(at);
    const kase = await createCase(app, operator, overrides);
    await actOk(app, operator, kase.id, "dispatch", { departmentId: dept });
    return kase.id;
  }

  /** Sweeps at `at`; returns the case's sweeper entries as "reply:warning" / "escalate:2". */
  async function sweepAt(at: Date, caseId: string): Promise<string[]> {
    clock.set(at);
    await sweepOnce(deps);
    const events = await listEvents(deps.database.db, caseId, { publicOnly: false });
    return events
      .filter((e) => e.action === "deadline" || e.action === "escalate")
      .map((e) => (e.action === "deadline" ? `${e.data.kind}:${e.data.state}` : `escalate:${e.data.level}`));
  }

  /** A category of `dept` created through the admin API with the given limits. */
  async function category(limits?: Record<string, unknown>, replyDays = 5): Promise<{ code: string; body: Record<string, any> }> {
    const code = `t.${unique("c").toLowerCase()}`;
    const res = await request(app)
      .put(`/api/categories/${code}`)
      .set(admin)
      .send({ name: "测试类别", departmentId: dept, signHours: 2, replyDays, ...(limits ? { limits } : {}) });
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    return { code, body: res.body.category };
  }

  describe("mismatch 2: the ladder is the working days rule applied to replyBy", () => {
    it("urges at replyBy 10-10 17:30, supervises at 10-11 17:30 (adjusted Saturday) and lists at 10-16 17:30", async () => {
      const id = await dispatchedAt(sh("2025-09-26 16:00"));
      expect((await findCaseById(deps.database.db, id))!.replyBy!.toISOString()).to.equal(sh("2025-10-10 17:30").toISOString());
      expect((await sweepAt(sh("2025-10-10 17:30"), id)).filter((s) => s.startsWith("escalate"))).to.deep.equal(["escalate:1"]);
      expect((await sweepAt(before1s(sh("2025-10-11 17:30")), id)).filter((s) => s.startsWith("escalate"))).to.deep.equal(["escalate:1"]);
      expect((await sweepAt(sh("2025-10-11 17:30"), id)).filter((s) => s.startsWith("escalate"))).to.deep.equal(["escalate:1", "escalate:2"]);
      expect((await sweepAt(before1s(sh("2025-10-16 17:30")), id)).filter((s) => s.startsWith("escalate"))).to.have.length(2);
      expect((await sweepAt(sh("2025-10-16 17:30"), id)).filter((s) => s.startsWith("escalate"))).to.deep.equal(["escalate:1", "escalate:2", "escalate:3"]);
      const escalations = (await listEvents(deps.database.db, id, { publicOnly: false })).filter((e) => e.action === "escalate");
      expect(escalations.map((e) => e.data.dueAt)).to.deep.equal(["2025-10-10T09:30:00.000Z", "2025-10-11T09:30:00.000Z", "2025-10-16T09:30:00.000Z"]);
    });
  });

  describe("mismatch 3: every limit is set per category; running clocks keep theirs", () => {
    it("lists every limit in force per category, the defaults of domain.md where it sets none", async () => {
      const { code, body } = await category(undefined, 7);
      expect(body).to.include({ signHours: 2, replyDays: 7 });
      expect(body.limits).to.deep.equal({
        signHours: 2, urgentSignHours: 1, criticalSignMinutes: 30,
        replyDays: { consultation: 2, help: 7, complaint: 7, report: 7, suggestion: 7, praise: 7 },
        urgentReplyDays: 1, criticalReplyHours: 24, reopenedReplyDays: 3, returnWindowDays: 2, extensionCapDays: 10,
        callbackDays: 1, warningShare: 0.75, superviseAfterDays: 1, listAfterDays: 5,
      });
      const listed = (await request(app).get("/api/categories").set(operator).expect(200)).body.find((c: { code: string }) => c.code === code);
      expect(listed.limits).to.deep.equal(body.limits);
    });

    it("dispatches on the category's limits (consultation above 2) and keeps them after the admin changes the category", async () => {
      const limits = { replyDays: { consultation: 4 }, returnWindowDays: 3, extensionCapDays: 2, callbackDays: 2, urgentReplyDays: 2 };
      const { code, body } = await category(limits);
      expect(body.limits).to.deep.include({ returnWindowDays: 3, extensionCapDays: 2, callbackDays: 2 });
      expect(body.limits.replyDays).to.deep.equal({ consultation: 4, help: 5, complaint: 5, report: 5, suggestion: 5, praise: 5 });

      // Mon 2025-11-03 09:00: 4 working days ⇒ Fri 11/07 17:30; the return window 3 working days ⇒ Thu 11/06 17:30.
      const id = await dispatchedAt(sh("2025-11-03 09:00"), { type: "consultation", categoryCode: code });
      let row = (await findCaseById(deps.database.db, id))!;
      expect(row.replyBy!.toISOString()).to.equal(sh("2025-11-07 17:30").toISOString());
      expect(row.returnBy!.toISOString()).to.equal(sh("2025-11-06 17:30").toISOString());
      const urgent = await dispatchedAt(sh("2025-11-03 09:00"), { type: "complaint", priority: "urgent", categoryCode: code });
      expect((await findCaseById(deps.database.db, urgent))!.replyBy!.toISOString()).to.equal(sh("2025-11-05 17:30").toISOString());

      // The admin loosens the category: clocks that already run keep the limits they started with.
      await request(app).put(`/api/categories/${code}`).set(admin).send({ name: "测试类别", departmentId: dept, signHours: 2, replyDays: 5, limits: { extensionCapDays: 10, callbackDays: 5 } }).expect(200);
      clock.set(sh("2025-11-03 10:00"));
      await actOk(app, handler, id, "sign");
      const tooMany = await act(app, handler, id, "request-extension", { days: 3, reason: "需要现场核查" });
      expect(tooMany.status).to.equal(400);
      expect(tooMany.body.error.code).to.equal("validation_failed");
      await actOk(app, handler, id, "request-extension", { days: 2, reason: "需要现场核查" });
      // A clock that starts after the change (the callback, at the reply) runs on the new limits: 5 working days.
      clock.set(sh("2025-11-04 10:00"));
      await actOk(app, handler, id, "reply", { content: "已答复：每年七月调整。，经现场核查问题已整改到位，承办人李工。" });
      row = (await findCaseById(deps.database.db, id))!;
      expect(row.callbackBy!.toISOString()).to.equal(sh("2025-11-11 17:30").toISOString());
    });

    it("keeps PUT {name, departmentId, signHours, replyDays} meaning what it did, and refuses inconsistent limits", async () => {
      const { code } = await category({ replyDays: { consultation: 4, complaint: 9 }, callbackDays: 3 });
      const res = await request(app).put(`/api/categories/${code}`).set(admin).send({ name: "改名", departmentId: dept, signHours: 3, replyDays: 6 }).expect(200);
      expect(res.body.category).to.include({ name: "改名", signHours: 3, replyDays: 6 });
      expect(res.body.category.limits).to.deep.include({ signHours: 3, callbackDays: 3 });
      expect(res.body.category.limits.replyDays).to.deep.equal({ consultation: 2, help: 6, complaint: 6, report: 6, suggestion: 6, praise: 6 });
      for (const limits of [{ superviseAfterDays: 5, listAfterDays: 5 }, { warningShare: 1.5 }, { replyDays: { consultation: 0 } }, { unknown: 1 }]) {
        const bad = await request(app).put(`/api/categories/${code}`).set(admin).send({ name: "改名", departmentId: dept, signHours: 3, replyDays: 6, limits });
        expect(bad.status, JSON.stringify(limits)).to.equal(400);
        expect(bad.body.error.code).to.equal("validation_failed");
      }
    });
  });

  describe("mismatch 4: the warning counts the clock's own time from when that clock started", () => {
    it("warns a 5-working-day reply clock dispatched Fri 09-26 16:00 during 10-09, never during the National Day holiday", async () => {
      const id = await dispatchedAt(sh("2025-09-26 16:00"));
      clock.set(sh("2025-09-28 08:40"));
      await actOk(app, handler, id, "sign");
      expect(await sweepAt(sh("2025-10-08 23:59"), id)).to.not.include("reply:warning");
      // 39 business hours to replyBy; 75 % = 29 h 15 min ⇒ 10-09 15:15.
      expect(await sweepAt(before1s(sh("2025-10-09 15:15")), id)).to.not.include("reply:warning");
      expect(await sweepAt(sh("2025-10-09 15:15"), id)).to.include("reply:warning");
    });

    it("does not warn a reopened case at once: its reply clock starts at the reopen", async () => {
      const id = await dispatchedAt(sh("2025-11-03 09:00"));
      clock.set(sh("2025-11-03 09:30"));
      await actOk(app, handler, id, "sign");
      clock.set(sh("2025-11-05 10:00"));
      await actOk(app, handler, id, "reply", { content: "已责令停止夜间施工。，经现场核查问题已整改到位，承办人李工。" });
      clock.set(sh("2025-11-20 10:00"));
      await actOk(app, operator, id, "reopen", { reason: "噪音仍在继续" });
      // replyBy 11/25 17:30; 28.5 business hours from the reopen, 75 % ⇒ 11/25 08:52:30.
      expect(await sweepAt(sh("2025-11-20 10:01"), id)).to.not.include("reply:warning");
      expect(await sweepAt(before1s(sh("2025-11-25 08:52:30")), id)).to.not.include("reply:warning");
      expect(await sweepAt(sh("2025-11-25 08:52:30"), id)).to.include("reply:warning");
    });
  });

  describe("mismatch 5: reopening a case closed at intake", () => {
    it("goes back to registered and its next dispatch sets the reopened reply limit (3 working days)", async () => {
      clock.set(sh("2025-11-03 09:00"));
      const kase = await createCase(app, operator);
      await actOk(app, operator, kase.id, "answer", { answer: "已告知可向住建部门申请夜间施工许可核查。", disposal: "explained" });
      clock.set(sh("2025-11-04 09:00"));
      const reopened = await actOk(app, operator, kase.id, "reopen", { reason: "仍未解决" });
      expect(reopened.case).to.include({ status: "registered", reopenCount: 1, departmentId: null });
      expect(reopened.case.deadlines.replyBy).to.equal(null);
      clock.set(sh("2025-11-05 09:00"));
      const dispatched = await actOk(app, operator, kase.id, "dispatch", { departmentId: dept });
      // Wed 11/05 + 3 working days ⇒ Mon 11/10 17:30 (a complaint's normal limit would give Wed 11/12).
      expect(dispatched.case.deadlines.replyBy).to.equal(sh("2025-11-10 17:30").toISOString());
    });
  });

  describe("mismatch 6: a reply is always public", () => {
    it("refuses public: false with 400 and changes nothing; a reply is a public event", async () => {
      const id = await dispatchedAt(sh("2025-11-03 09:00"));
      clock.set(sh("2025-11-03 09:30"));
      await actOk(app, handler, id, "sign");
      const refused = await act(app, handler, id, "reply", { content: "内部说明，经现场核查问题已整改到位，承办人李工。", public: false });
      expect(refused.status).to.equal(400);
      expect(refused.body.error.code).to.equal("validation_failed");
      expect(refused.body.error.details.map((d: { path: string }) => d.path)).to.include("public");
      expect((await findCaseById(deps.database.db, id))!.status).to.equal("in_progress");
      const replied = await actOk(app, handler, id, "reply", { content: "已责令停止夜间施工。，经现场核查问题已整改到位，承办人李工。", public: true });
      expect(replied.event).to.include({ action: "reply", public: true });
      expect(replied.case.status).to.equal("replied");
    });
  });
});
