import { expect } from "chai";
import { and, eq, sql } from "drizzle-orm";
import type { Express } from "express";
import request from "supertest";
import { createApp } from "../../server/app.ts";
import type { AppDeps } from "../../server/context.ts";
import { queryRows } from "../../server/db.ts";
import { phoneReads } from "../../models/schema/index.ts";
import { authHeader, buildDepartment, buildEnterprise, buildUser, unique } from "../factories.ts";
import { testDeps } from "../support/testDeps.ts";
import { act, actOk, caseBody, createCase, type Header } from "../support/api.ts";

describe("intake, validation, idempotency and reading", () => {
  let deps: AppDeps;
  let app: Express;
  let operator: Header, clerk: Header, supervisor: Header, handler: Header, admin: Header;
  let deptId: string;

  before(async () => {
    deps = await testDeps();
    app = createApp(deps);
    const db = deps.database.db;
    deptId = (await buildDepartment(db)).id;
    operator = await authHeader(deps.tokens, await buildUser(db, "operator"));
    clerk = await authHeader(deps.tokens, await buildUser(db, "clerk"));
    supervisor = await authHeader(deps.tokens, await buildUser(db, "supervisor"));
    handler = await authHeader(deps.tokens, await buildUser(db, "handler", { departmentId: deptId }));
    admin = await authHeader(deps.tokens, await buildUser(db, "admin"));
  });

  describe("validation", () => {
    async function rejected(body: Record<string, unknown>, path: string) {
      const before = await queryRows<{ n: number }>(deps.database.db, sql`select count(*)::int as n from cases`);
      const res = await request(app).post("/api/cases").set(operator).send(body).expect(400);
      expect(res.body.error.code).to.equal("validation_failed");
      expect(res.body.error.details.map((d: { path: string }) => d.path)).to.include(path);
      const after = await queryRows<{ n: number }>(deps.database.db, sql`select count(*)::int as n from cases`);
      expect(after[0].n).to.equal(before[0].n);
    }

    it("rejects a credit code with a wrong check character", () => rejected(caseBody({ requester: { creditCode: "91350100M000100Y44" } }), "requester.creditCode"));
    it("rejects a credit code with a forbidden letter", () => rejected(caseBody({ requester: { creditCode: "91350100M000100I43" } }), "requester.creditCode"));
    it("accepts a lower-case credit code by upper-casing it", async () => {
      const kase = await createCase(app, operator, { requester: { creditCode: "91350100m000100y43" } });
      expect(kase.requester.creditCode).to.equal("91350100M000100Y43");
    });
    it("rejects a malformed phone", () => rejected(caseBody({ requester: { phone: "12345" } }), "requester.phone"));
    it("accepts a landline", async () => {
      const kase = await createCase(app, operator, { requester: { phone: "0570-3021234" } });
      expect(kase.requester.phone).to.equal("0570-3021234");
    });
    it("rejects a title over 200 characters", () => rejected(caseBody({ title: "噪".repeat(201) }), "title"));
    it("rejects a description over 5,000 characters", () => rejected(caseBody({ description: "音".repeat(5001) }), "description"));
    it("rejects an unknown type", () => rejected(caseBody({ type: "rumour" }), "type"));
    it("rejects an unknown category", () => rejected(caseBody({ categoryCode: "no.such" }), "categoryCode"));
    it("rejects unknown fields", () => rejected({ ...caseBody(), hacker: true }, "hacker"));
  });

  describe("channels and roles", () => {
    it("forces the channel by role", async () => {
      expect((await createCase(app, operator, { channel: "online" })).channel).to.equal("hotline");
      expect((await createCase(app, clerk)).channel).to.equal("service_centre");
    });

    it("forbids intake by handlers, supervisors and admins", async () => {
      for (const header of [handler, supervisor, admin]) {
        const res = await request(app).post("/api/cases").set(header).send(caseBody()).expect(403);
        expect(res.body.error.code).to.equal("forbidden");
      }
    });

    it("makes reports confidential by default", async () => {
      expect((await createCase(app, operator, { type: "report" })).requester.confidential).to.equal(true);
      expect((await createCase(app, operator, { type: "report", requester: { confidential: false } })).requester.confidential).to.equal(false);
      expect((await createCase(app, operator)).requester.confidential).to.equal(false);
    });

    it("requires externalRef from an integration client and dedupes on it", async () => {
      const created = await request(app).post("/api/integration-clients").set(admin).send({ name: "省平台" }).expect(201);
      const key = { Authorization: `Bearer ${created.body.apiKey}` };
      await request(app).post("/api/cases").set(key).send(caseBody()).expect(400);
      const ref = unique("ZJ12345-");
      const first = await request(app).post("/api/cases").set(key).send(caseBody({ externalRef: ref })).expect(201);
      expect(first.body.case.channel).to.equal("provincial_12345");
      const again = await request(app).post("/api/cases").set(key).send(caseBody({ externalRef: ref })).expect(200);
      expect(again.body.case.id).to.equal(first.body.case.id);
    });
  });

  describe("idempotency", () => {
    it("makes 20 concurrent pushes of one Idempotency-Key one case", async () => {
      const key = unique("idem-");
      const responses = await Promise.all(
        Array.from({ length: 20 }, () => request(app).post("/api/cases").set(operator).set("Idempotency-Key", key).send(caseBody())),
      );
      const ids = new Set(responses.map((r) => r.body.case?.id));
      expect(ids.size).to.equal(1);
      expect(responses.filter((r) => r.status === 201)).to.have.length(1);
      expect(responses.filter((r) => r.status === 200)).to.have.length(19);
    });

    it("gives unique, consecutive numbers to concurrent intakes", async () => {
      const cases = await Promise.all(Array.from({ length: 15 }, () => createCase(app, operator)));
      const seqs = cases.map((c) => Number(c.number.slice(-6))).sort((a, b) => a - b);
      expect(new Set(seqs).size).to.equal(15);
      expect(seqs[14] - seqs[0]).to.equal(14);
    });
  });

  describe("reading", () => {
    it("finds 夜间施工噪音扰民 with q=噪音 and not with an unrelated word", async () => {
      const marker = unique("mk");
      const kase = await createCase(app, operator, { title: `夜间施工噪音扰民 ${marker}` });
      const found = await request(app).get("/api/cases").query({ q: "噪音", limit: 100 }).set(operator).expect(200);
      expect(found.body.items).to.not.be.empty;
      for (const c of found.body.items) expect(`${c.title}${c.description}`).to.include("噪音");
      const narrowed = await request(app).get("/api/cases").query({ q: `噪音 ${marker}` }).set(operator).expect(200);
      expect(narrowed.body.items.map((c: { id: string }) => c.id)).to.deep.equal([kase.id]);
      const none = await request(app).get("/api/cases").query({ q: `社保 ${marker}` }).set(operator).expect(200);
      expect(none.body.items).to.have.length(0);
      const byNumber = await request(app).get("/api/cases").query({ q: kase.number }).set(operator).expect(200);
      expect(byNumber.body.items.map((c: { id: string }) => c.id)).to.deep.equal([kase.id]);
    });

    it("pages newest first with a keyset cursor, without repeats", async () => {
      const enterprise = await buildEnterprise(deps.database.db);
      const ent = await authHeader(deps.tokens, await buildUser(deps.database.db, "enterprise", { enterpriseId: enterprise.id }));
      const made = [];
      for (let i = 0; i < 5; i++) made.push((await createCase(app, ent, { title: `第${i}件` })).id);
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: request.Response = await request(app).get("/api/cases").query({ limit: 2, ...(cursor ? { cursor } : {}) }).set(ent).expect(200);
        seen.push(...page.body.items.map((c: { id: string }) => c.id));
        cursor = page.body.nextCursor;
      } while (cursor);
      expect(seen).to.deep.equal([...made].reverse());
      await request(app).get("/api/cases").query({ cursor: "garbage" }).set(ent).expect(400);
      await request(app).get("/api/cases").query({ limit: 101 }).set(ent).expect(400);
      await request(app).get("/api/cases").query({ status: "nonsense" }).set(ent).expect(400);
    });

    it("pages a deadline-sorted queue, cases without deadline last", async () => {
      const marker = unique("dl");
      const registered = await createCase(app, operator, { title: `排序 ${marker} 甲` });
      const dispatched = await createCase(app, operator, { title: `排序 ${marker} 乙` });
      const urgent = await createCase(app, operator, { title: `排序 ${marker} 丙`, priority: "urgent" });
      await actOk(app, operator, dispatched.id, "dispatch", { departmentId: deptId });
      await actOk(app, operator, urgent.id, "dispatch", { departmentId: deptId });
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: request.Response = await request(app).get("/api/cases").query({ q: marker, sort: "deadline", limit: 1, ...(cursor ? { cursor } : {}) }).set(operator).expect(200);
        seen.push(...page.body.items.map((c: { id: string }) => c.id));
        cursor = page.body.nextCursor;
      } while (cursor && seen.length < 10);
      expect(seen).to.deep.equal([urgent.id, dispatched.id, registered.id]);
    });

    it("filters by status, department, escalation and overdue", async () => {
      const kase = await createCase(app, operator);
      await actOk(app, operator, kase.id, "dispatch", { departmentId: deptId });
      await actOk(app, supervisor, kase.id, "urge", { note: "快" });
      const list = await request(app).get("/api/cases").query({ status: "dispatched,in_progress", departmentId: deptId, escalated: "true" }).set(supervisor).expect(200);
      expect(list.body.items.map((c: { id: string }) => c.id)).to.include(kase.id);
      for (const c of list.body.items) expect(c.departmentId).to.equal(deptId);
      const handlerQueue = await request(app).get("/api/cases").query({ sort: "deadline" }).set(handler).expect(200);
      expect(handlerQueue.body.items.map((c: { id: string }) => c.id)).to.include(kase.id);
      const overdue = await request(app).get("/api/cases").query({ overdue: "true", departmentId: deptId }).set(supervisor).expect(200);
      expect(overdue.body.items.map((c: { id: string }) => c.id)).to.not.include(kase.id);
    });

    it("lists overdue cases by deadline (the overdue board) and newest first, the same set either way", async () => {
      const dept = await buildDepartment(deps.database.db);
      const made: Record<string, string> = {};
      for (const name of ["sign", "reply", "callback", "onTime"]) {
        const c = await createCase(app, operator);
        await actOk(app, operator, c.id, "dispatch", { departmentId: dept.id });
        made[name] = c.id;
      }
      const ago = (ms: number) => new Date(Date.now() - ms).toISOString();
      const later = new Date(Date.now() + 86_400_000).toISOString();
      const set = (id: string, status: string, signBy: string | null, replyBy: string | null, callbackBy: string | null) =>
        deps.database.db.execute(sql`update cases set status = ${status}, sign_by = ${signBy}::timestamptz, reply_by = ${replyBy}::timestamptz, callback_by = ${callbackBy}::timestamptz where id = ${id}`);
      await set(made.sign, "dispatched", ago(3_600_000), later, null); // sign deadline passed an hour ago
      await set(made.reply, "in_progress", null, ago(3 * 86_400_000), null); // reply deadline passed 3 days ago
      await set(made.callback, "replied", null, ago(5 * 86_400_000), ago(2 * 86_400_000)); // callback due 2 days ago
      await set(made.onTime, "in_progress", null, later, null);
      const ids = async (query: Record<string, string>) =>
        (await request(app).get("/api/cases").query({ overdue: "true", departmentId: dept.id, limit: 100, ...query }).set(supervisor).expect(200)).body.items.map((c: { id: string }) => c.id);
      expect(await ids({ sort: "deadline" })).to.deep.equal([made.reply, made.callback, made.sign]);
      expect([...(await ids({}))].sort()).to.deep.equal([made.reply, made.callback, made.sign].sort());
    });

    it("lists the cases whose extension request awaits a decision with pendingExtension=true, and the others with false", async () => {
      const waiting = await createCase(app, operator);
      const plain = await createCase(app, operator);
      for (const c of [waiting, plain]) {
        await actOk(app, operator, c.id, "dispatch", { departmentId: deptId });
        await actOk(app, handler, c.id, "sign");
      }
      await actOk(app, handler, waiting.id, "request-extension", { days: 2, reason: "需要现场复核" });
      const ids = async (pendingExtension: string) =>
        (await request(app).get("/api/cases").query({ status: "in_progress", pendingExtension, limit: 100 }).set(supervisor).expect(200)).body.items.map((c: { id: string; pendingExtension: unknown }) => {
          expect(c.pendingExtension === null, `case ${c.id} pendingExtension`).to.equal(pendingExtension === "false");
          return c.id;
        });
      expect(await ids("true")).to.include(waiting.id).and.not.include(plain.id);
      expect(await ids("false")).to.include(plain.id).and.not.include(waiting.id);
      await actOk(app, supervisor, waiting.id, "decide-extension", { approve: true });
      expect(await ids("true")).to.not.include(waiting.id);
      await request(app).get("/api/cases").query({ pendingExtension: "maybe" }).set(supervisor).expect(400);
    });

    it("returns changes since a time for reconnecting clients", async () => {
      const since = new Date(Date.now() - 1).toISOString();
      const kase = await createCase(app, operator);
      const changed = await request(app).get("/api/cases").query({ updatedSince: since, limit: 100 }).set(operator).expect(200);
      expect(changed.body.items.map((c: { id: string }) => c.id)).to.include(kase.id);
    });

    it("logs every unmasked phone read by staff, and none for masked reads", async () => {
      const kase = await createCase(app, operator, { requester: { phone: "13912345678", confidential: true } });
      await actOk(app, operator, kase.id, "dispatch", { departmentId: deptId });
      await request(app).get(`/api/cases/${kase.id}`).set(supervisor).expect(200);
      const masked = await request(app).get(`/api/cases/${kase.id}`).set(handler).expect(200);
      expect(masked.body.case.requester.phone).to.equal("139****5678");
      const reads = await deps.database.db.select().from(phoneReads).where(and(eq(phoneReads.caseId, kase.id)));
      const roles = new Set(reads.map((r) => r.userId));
      expect(reads.length).to.be.greaterThanOrEqual(3); // intake response, dispatch response, supervisor read
      expect(roles.size).to.equal(2); // the operator and the supervisor, never the handler
    });

    it("answers 404 for a case another department cannot see, even when it exists", async () => {
      const kase = await createCase(app, operator);
      const other = await authHeader(deps.tokens, await buildUser(deps.database.db, "handler"));
      expect((await request(app).get(`/api/cases/${kase.id}`).set(other)).status).to.equal(404);
      expect((await act(app, other, kase.id, "sign")).status).to.equal(404);
      expect((await request(app).get(`/api/cases/no-such-case`).set(operator)).status).to.equal(404);
    });
  });

  describe("caller history, messages and lookups", () => {
    it("finds a caller's earlier cases by exact phone, but never a confidential one for a handler", async () => {
      const phone = `139${String(Math.floor(Math.random() * 1e8)).padStart(8, "0")}`;
      const open = await createCase(app, operator, { requester: { phone } });
      const secret = await createCase(app, operator, { type: "report", requester: { phone } });
      for (const c of [open, secret]) await actOk(app, operator, c.id, "dispatch", { departmentId: deptId });
      const byOperator = await request(app).get("/api/cases").query({ phone }).set(operator).expect(200);
      expect(byOperator.body.items.map((c: { id: string }) => c.id).sort()).to.deep.equal([open.id, secret.id].sort());
      const byHandler = await request(app).get("/api/cases").query({ phone }).set(handler).expect(200);
      expect(byHandler.body.items.map((c: { id: string }) => c.id)).to.deep.equal([open.id]);
      await request(app).get("/api/cases").query({ phone: "x' or 1=1" }).set(operator).expect(400);
    });

    it("explains field errors in Chinese by default and in English on request", async () => {
      const zh = await request(app).post("/api/cases").set(operator).send(caseBody({ requester: { phone: "123" } })).expect(400);
      expect(zh.body.error.details[0]).to.deep.equal({ path: "requester.phone", message: "requester.phone 应为大陆手机号（1[3-9] 开头 11 位）或固定电话（0xx-xxxxxxxx）" });
      const en = await request(app).post("/api/cases").set(operator).set("Accept-Language", "en").send(caseBody({ title: "" })).expect(400);
      expect(en.body.error.details[0].message).to.equal("title is not allowed to be empty");
    });

    it("shows an enterprise to staff and to itself only, and lists integration clients to admins without keys", async () => {
      const enterprise = await buildEnterprise(deps.database.db);
      const own = await authHeader(deps.tokens, await buildUser(deps.database.db, "enterprise", { enterpriseId: enterprise.id }));
      const other = await authHeader(deps.tokens, await buildUser(deps.database.db, "enterprise"));
      expect((await request(app).get(`/api/enterprises/${enterprise.id}`).set(operator).expect(200)).body.enterprise.creditCode).to.equal(enterprise.creditCode);
      await request(app).get(`/api/enterprises/${enterprise.id}`).set(own).expect(200);
      await request(app).get(`/api/enterprises/${enterprise.id}`).set(other).expect(404);
      await request(app).post("/api/integration-clients").set(admin).send({ name: "列表测试" }).expect(201);
      const list = await request(app).get("/api/integration-clients").set(admin).expect(200);
      expect(list.body.find((c: { name: string }) => c.name === "列表测试")).to.not.have.property("apiKey");
      await request(app).get("/api/integration-clients").set(operator).expect(403);
    });
  });

  describe("calendar endpoints", () => {
    it("describes working days and computes deadlines", async () => {
      const day = await request(app).get("/api/calendar/working-day").query({ date: "2025-10-11" }).set(operator).expect(200);
      expect(day.body).to.include({ date: "2025-10-11", working: true, reason: "adjusted_workday" });
      const hol = await request(app).get("/api/calendar/working-day").query({ date: "2025-10-01" }).set(operator).expect(200);
      expect(hol.body).to.include({ working: false, reason: "holiday", name: "国庆节" });
      const due = await request(app).get("/api/calendar/deadline").query({ from: "2025-09-26T08:00:00.000Z", workingDays: 5 }).set(operator).expect(200);
      expect(due.body).to.deep.equal({ from: "2025-09-26T08:00:00.000Z", due: "2025-10-10T09:30:00.000Z" });
      const hours = await request(app).get("/api/calendar/deadline").query({ from: "2025-09-26T08:30:00.000Z", workingHours: 2 }).set(operator).expect(200);
      expect(hours.body.due).to.equal("2025-09-28T01:30:00.000Z");
      await request(app).get("/api/calendar/deadline").query({ from: "2025-09-26T08:00:00.000Z" }).set(operator).expect(400);
      await request(app).get("/api/calendar/working-day").query({ date: "2025-02-30" }).set(operator).expect(400);
    });

    it("lets an admin load a year's schedule, which later deadlines use", async () => {
      // 2031 has no shipped data: Mon–Fri until the notice is loaded.
      const before = await request(app).get("/api/calendar/working-day").query({ date: "2031-01-02" }).set(operator).expect(200);
      expect(before.body.working).to.equal(true);
      const put = await request(app)
        .put("/api/calendar/days")
        .set(admin)
        .send({ year: 2031, source: "测试通知", days: [{ date: "2031-01-02", working: false, name: "元旦" }, { date: "2031-01-04", working: true, name: "元旦调休" }] })
        .expect(200);
      expect(put.body).to.include({ year: 2031, days: 2 });
      const after = await request(app).get("/api/calendar/working-day").query({ date: "2031-01-02" }).set(operator).expect(200);
      expect(after.body).to.include({ working: false, reason: "holiday", name: "元旦" });
      const due = await request(app).get("/api/calendar/deadline").query({ from: "2031-01-01T02:00:00.000Z", workingDays: 1 }).set(operator).expect(200);
      expect(due.body.due).to.equal("2031-01-03T09:30:00.000Z");
      await request(app).put("/api/calendar/days").set(admin).send({ year: 2031, source: "x", days: [{ date: "2030-12-31", working: false }] }).expect(400);
      await request(app).put("/api/calendar/days").set(admin).send({ year: 2031, source: "清空", days: [] }).expect(200);
    });
  });
});
