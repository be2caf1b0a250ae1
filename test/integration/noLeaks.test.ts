/**
 * Issue #10 "No leaks": one test per finding about case data and integration keys (1–5, 10, 11 and the case items of
 * 12), each of which failed on the code before the fix. Accounts, sessions and secrets (6–9 and the rest of 12) are in
 * noLeaksAccounts.test.ts.
 */
import { expect } from "chai";
import request from "supertest";
import type { UserRow } from "../../models/schema/index.ts";
import { FakeClock } from "../../server/clock.ts";
import type { AppDeps } from "../../server/context.ts";
import { authHeader, buildDepartment, buildEnterprise, buildUser, unique } from "../factories.ts";
import { act, actOk, caseBody, createCase, type Header } from "../support/api.ts";
import { connectClient, settle, startTestServer, type TestClient, type TestServer } from "../support/sockets.ts";
import { testDeps } from "../support/testDeps.ts";

// Tue 2025-10-14 10:00 +08: a working morning.
const T0 = "2025-10-14T02:00:00.000Z";
const WHISTLEBLOWER = { name: "举报人王五", phone: "13912345678", confidential: true };

describe("no leaks: cases stay with the people they belong to (#10)", () => {
  let deps: AppDeps;
  let server: TestServer;
  let app: TestServer["app"];
  let dept: string;
  let e1: { id: string; creditCode: string; name: string };
  let e2: { id: string; creditCode: string; name: string };
  let users: Record<"operator" | "handler" | "supDept" | "supCity" | "ent1" | "ent2" | "admin", UserRow>;
  let h: Record<keyof typeof users | "int1" | "int2", Header>;
  const open: TestClient[] = [];

  async function client(user: UserRow): Promise<TestClient> {
    const c = await connectClient(server.url, { token: await deps.tokens.issue(user.id, user.sessionEpoch) });
    open.push(c);
    return c;
  }

  async function integrationKey(): Promise<Header> {
    const res = await request(app).post("/api/integration-clients").set(h.admin).send({ name: unique("省平台") }).expect(201);
    return { Authorization: `Bearer ${res.body.apiKey}` };
  }

  /** A hotline case dispatched to the test department, signed by its handler. */
  async function inProgress(overrides: Record<string, unknown> = {}) {
    const c = await createCase(app, h.operator, overrides);
    await actOk(app, h.operator, c.id, "dispatch", { departmentId: dept });
    await actOk(app, h.handler, c.id, "sign");
    return c;
  }

  before(async () => {
    deps = await testDeps({ clock: new FakeClock(new Date(T0)) });
    server = await startTestServer(deps);
    app = server.app;
    const db = deps.database.db;
    dept = (await buildDepartment(db)).id;
    e1 = await buildEnterprise(db);
    e2 = await buildEnterprise(db);
    users = {
      operator: await buildUser(db, "operator"),
      handler: await buildUser(db, "handler", { departmentId: dept }),
      supDept: await buildUser(db, "supervisor", { departmentId: dept }),
      supCity: await buildUser(db, "supervisor"),
      ent1: await buildUser(db, "enterprise", { enterpriseId: e1.id }),
      ent2: await buildUser(db, "enterprise", { enterpriseId: e2.id }),
      admin: await buildUser(db, "admin"),
    };
    h = {} as typeof h;
    for (const [k, u] of Object.entries(users)) h[k as keyof typeof users] = await authHeader(deps.tokens, u);
    h.int1 = await integrationKey();
    h.int2 = await integrationKey();
  });

  afterEach(() => {
    for (const c of open.splice(0)) c.socket.close();
  });

  after(async () => {
    await server.close();
  });

  describe("1. references and idempotency keys belong to the client that sent them", () => {
    it("never returns, reveals or blocks another integration client's case with the same externalRef", async () => {
      const ref = unique("12345-2026-");
      const first = await request(app).post("/api/cases").set(h.int1).send(caseBody({ externalRef: ref, requester: WHISTLEBLOWER })).expect(201);
      const other = await request(app).post("/api/cases").set(h.int2).send(caseBody({ externalRef: ref, title: "另一平台的工单" })).expect(201);
      expect(other.body.case.id).to.not.equal(first.body.case.id);
      expect(other.body.case.title).to.equal("另一平台的工单");
      expect(JSON.stringify(other.body)).to.not.contain(WHISTLEBLOWER.phone).and.not.contain(WHISTLEBLOWER.name);
      // The owner pushing again still gets its own case back.
      const again = await request(app).post("/api/cases").set(h.int1).send(caseBody({ externalRef: ref, requester: WHISTLEBLOWER })).expect(200);
      expect(again.body.case.id).to.equal(first.body.case.id);
    });

    it("answers 422 idempotency_mismatch to the same externalRef or Idempotency-Key with a different body, and creates nothing", async () => {
      const ref = unique("12345-2026-");
      await request(app).post("/api/cases").set(h.int1).send(caseBody({ externalRef: ref })).expect(201);
      const changed = await request(app).post("/api/cases").set(h.int1).send(caseBody({ externalRef: ref, title: "内容不同" })).expect(422);
      expect(changed.body.error.code).to.equal("idempotency_mismatch");

      const key = unique("idem-");
      const a = await request(app).post("/api/cases").set(h.operator).set("Idempotency-Key", key).send(caseBody()).expect(201);
      const b = await request(app).post("/api/cases").set(h.operator).set("Idempotency-Key", key).send(caseBody({ title: "另一件事" })).expect(422);
      expect(b.body.error.code).to.equal("idempotency_mismatch");
      const list = await request(app).get("/api/cases").query({ q: "另一件事" }).set(h.operator).expect(200);
      expect(list.body.items.map((c: { id: string }) => c.id)).to.not.include(a.body.case.id === b.body.case?.id ? "" : undefined);
      expect(list.body.items.filter((c: { title: string }) => c.title === "另一件事")).to.have.length(0);
    });

    it("keeps one user's Idempotency-Key from finding another client's case", async () => {
      const key = unique("idem-");
      const mine = await request(app).post("/api/cases").set(h.ent1).set("Idempotency-Key", key).send(caseBody({ requester: {} })).expect(201);
      const theirs = await request(app).post("/api/cases").set(h.ent2).set("Idempotency-Key", key).send(caseBody({ requester: {} })).expect(201);
      expect(theirs.body.case.id).to.not.equal(mine.body.case.id);
      expect(theirs.body.case.enterpriseId).to.equal(e2.id);
    });
  });

  describe("2. merged cases never show a whistleblower", () => {
    it("masks a confidential reporter merged into an enterprise's case, for the enterprise and for the handler", async () => {
      const survivor = await createCase(app, h.ent1, { requester: {} });
      const report = await createCase(app, h.operator, { type: "report", requester: WHISTLEBLOWER });
      await actOk(app, h.operator, report.id, "merge", { intoCaseId: survivor.id });

      const asEnterprise = await request(app).get(`/api/cases/${survivor.id}`).set(h.ent1).expect(200);
      expect(asEnterprise.body.mergedCases).to.have.length(1);
      expect(asEnterprise.body.mergedCases[0].requester).to.include({ name: null, phone: null });
      expect(JSON.stringify(asEnterprise.body)).to.not.contain(WHISTLEBLOWER.phone).and.not.contain(WHISTLEBLOWER.name);

      await actOk(app, h.operator, survivor.id, "dispatch", { departmentId: dept });
      const asHandler = await request(app).get(`/api/cases/${survivor.id}`).set(h.handler).expect(200);
      expect(asHandler.body.mergedCases[0].requester.phone).to.equal("139****5678");
    });
  });

  describe("3. duplicate candidates never unmask a protected phone", () => {
    it("gives a handler no same_phone match between a confidential case and another with that number", async () => {
      const secret = await inProgress({ title: `保密举报 ${unique()}`, requester: { ...WHISTLEBLOWER, phone: "13700001111" } });
      const plain = await inProgress({ title: `普通投诉 ${unique()}`, requester: { name: "李四", phone: "13700001111" } });
      for (const [from, other] of [[secret, plain], [plain, secret]]) {
        const res = await request(app).get(`/api/cases/${from.id}/duplicates`).set(h.handler).expect(200);
        const match = res.body.find((d: { case: { id: string } }) => d.case.id === other.id);
        expect(match?.reasons ?? [], `${from.title} → ${other.title}`).to.not.include("same_phone");
      }
      // Staff who see the number anyway still get the match.
      const operator = await request(app).get(`/api/cases/${secret.id}/duplicates`).set(h.operator).expect(200);
      expect(operator.body.find((d: { case: { id: string } }) => d.case.id === plain.id)?.reasons).to.include("same_phone");
    });
  });

  describe("4. a report never reaches the enterprise it is about", () => {
    it("keeps a case about E2 out of E2's list, page and sockets, and shows the subject to staff", async () => {
      const e2Socket = await client(users.ent2);
      const report = await createCase(app, h.operator, {
        type: "report",
        title: `举报无证排污 ${unique()}`,
        requester: WHISTLEBLOWER,
        subject: { enterpriseName: e2.name, creditCode: e2.creditCode },
      });
      expect(report.subject).to.deep.equal({ enterpriseName: e2.name, creditCode: e2.creditCode });
      expect(report.enterpriseId).to.equal(null);
      await actOk(app, h.operator, report.id, "dispatch", { departmentId: dept });
      await request(app).get(`/api/cases/${report.id}`).set(h.ent2).expect(404);
      const list = await request(app).get("/api/cases").set(h.ent2).expect(200);
      expect(list.body.items.map((c: { id: string }) => c.id)).to.not.include(report.id);
      await settle();
      expect(e2Socket.about(report.id)).to.deep.equal([]);
    });

    it("does not give a case to the requester's enterprise when that enterprise is also its subject (a whistleblower from inside)", async () => {
      const report = await createCase(app, h.operator, {
        type: "report",
        requester: { ...WHISTLEBLOWER, enterpriseName: e2.name, creditCode: e2.creditCode },
        subject: { enterpriseName: e2.name, creditCode: e2.creditCode },
      });
      await request(app).get(`/api/cases/${report.id}`).set(h.ent2).expect(404);
    });
  });

  describe("5. dispatch notes are internal unless marked public", () => {
    it("hides the operator's note from the enterprise's timeline, and shows a note marked public", async () => {
      const c = await createCase(app, h.ent1, { requester: {} });
      await actOk(app, h.operator, c.id, "dispatch", { departmentId: dept, note: "来电人张三 13800001234 情绪激动" });
      const hidden = await request(app).get(`/api/cases/${c.id}`).set(h.ent1).expect(200);
      const dispatch = hidden.body.timeline.find((e: { action: string }) => e.action === "dispatch");
      expect(dispatch.data).to.not.have.property("note");
      expect(JSON.stringify(hidden.body)).to.not.contain("13800001234");
      const staff = await request(app).get(`/api/cases/${c.id}`).set(h.operator).expect(200);
      expect(staff.body.timeline.find((e: { action: string }) => e.action === "dispatch").data.note).to.contain("13800001234");

      const d = await createCase(app, h.ent1, { requester: {} });
      await actOk(app, h.operator, d.id, "dispatch", { departmentId: dept, note: "已转市生态环境局办理", notePublic: true });
      const shown = await request(app).get(`/api/cases/${d.id}`).set(h.ent1).expect(200);
      expect(shown.body.timeline.find((e: { action: string }) => e.action === "dispatch").data.note).to.equal("已转市生态环境局办理");
    });
  });

  describe("10. one rating per reply", () => {
    it("refuses a second rating of the same reply with 409 and counts it once; a low second rating does not reopen", async () => {
      const c = await createCase(app, h.ent1, { requester: {} });
      await actOk(app, h.operator, c.id, "dispatch", { departmentId: dept });
      await actOk(app, h.handler, c.id, "sign");
      await actOk(app, h.handler, c.id, "reply", { content: "已处理完毕。，经现场核查问题已整改到位，承办人李工。" });
      const first = await actOk(app, h.ent1, c.id, "rate", { satisfaction: 5 });
      expect(first.case.status).to.equal("closed");
      expect(first.case.actions).to.not.include("rate");
      for (let i = 0; i < 3; i++) {
        const again = await act(app, h.ent1, c.id, "rate", { satisfaction: 1 });
        expect(again.status).to.equal(409);
        expect(again.body.error.code).to.equal("conflict");
      }
      const after = await request(app).get(`/api/cases/${c.id}`).set(h.operator).expect(200);
      expect(after.body.case.status).to.equal("closed");
      expect(after.body.timeline.filter((e: { action: string }) => e.action === "rate")).to.have.length(1);
    });

    it("lets a new reply after 重办 be rated again, and refuses a reached callback on a rated reply", async () => {
      const c = await createCase(app, h.ent1, { requester: {} });
      await actOk(app, h.operator, c.id, "dispatch", { departmentId: dept });
      await actOk(app, h.handler, c.id, "sign");
      await actOk(app, h.handler, c.id, "reply", { content: "第一次答复。，经现场核查问题已整改到位，承办人李工。" });
      expect((await actOk(app, h.ent1, c.id, "rate", { satisfaction: 2 })).case.status).to.equal("in_progress");
      await actOk(app, h.handler, c.id, "reply", { content: "重办后的答复。，经现场核查问题已整改到位，承办人李工。" });
      await actOk(app, h.ent1, c.id, "rate", { satisfaction: 2 });
      await actOk(app, h.handler, c.id, "reply", { content: "第三次答复。，经现场核查问题已整改到位，承办人李工。" });
      await actOk(app, h.operator, c.id, "callback", { reached: true, satisfaction: 4 });
      expect((await act(app, h.ent1, c.id, "rate", { satisfaction: 5 })).status).to.equal(409);
    });
  });

  describe("11. integration keys can be listed, disabled and rotated (integrationClients.test.ts has the whole API)", () => {
    it("lists a client without its key, refuses it once disabled, and refuses the old key at once after a rotation", async () => {
      const created = await request(app).post("/api/integration-clients").set(h.admin).send({ name: unique("省平台") }).expect(201);
      const key = { Authorization: `Bearer ${created.body.apiKey}` };
      const listed = await request(app).get("/api/integration-clients").set(h.admin).expect(200);
      const row = listed.body.find((c: { id: string }) => c.id === created.body.id);
      expect(row).to.include({ active: true });
      expect(JSON.stringify(listed.body)).to.not.contain(created.body.apiKey);
      await request(app).get("/api/cases").set(key).expect(200);
      await request(app).patch(`/api/integration-clients/${created.body.id}`).set(h.admin).send({ active: false }).expect(200);
      await request(app).get("/api/cases").set(key).expect(401);
      await request(app).patch(`/api/integration-clients/${created.body.id}`).set(h.admin).send({ active: true }).expect(200);
      const rotated = await request(app).post(`/api/integration-clients/${created.body.id}/rotate`).set(h.admin).expect(200);
      await request(app).get("/api/cases").set(key).expect(401);
      await request(app).get("/api/cases").set({ Authorization: `Bearer ${rotated.body.apiKey}` }).expect(200);
    });
  });

  describe("12. smaller leaks", () => {
    it("lets only the hotline centre decide a department's return and extension, not that department's supervisor", async () => {
      const c = await inProgress();
      await actOk(app, h.handler, c.id, "request-extension", { days: 2, reason: "需要现场核查" });
      expect((await act(app, h.supDept, c.id, "decide-extension", { approve: true })).status).to.equal(403);
      await actOk(app, h.supCity, c.id, "decide-extension", { approve: true });
      await actOk(app, h.handler, c.id, "return", { reason: "not_our_function", note: "非本单位职责" });
      expect((await act(app, h.supDept, c.id, "decide-return", { approve: true })).status).to.equal(403);
      await actOk(app, h.operator, c.id, "decide-return", { approve: false });
    });

    it("makes an integration client's comment public: it cannot write staff-only notes", async () => {
      const created = await request(app).post("/api/cases").set(h.int1).send(caseBody({ externalRef: unique("12345-") })).expect(201);
      const { event } = await actOk(app, h.int1, created.body.case.id, "comment", { content: "省平台补充材料", internal: true });
      expect(event.public).to.equal(true);
      expect(event.data.internal).to.equal(false);
    });

    it("refuses impossible dates instead of rolling them over", async () => {
      const list = await request(app).get("/api/cases").query({ updatedSince: "2025-02-30T00:00:00Z" }).set(h.operator).expect(400);
      expect(list.body.error.code).to.equal("validation_failed");
      await request(app).get("/api/calendar/deadline").query({ from: "2025-02-30T08:00:00Z", workingDays: "1" }).set(h.operator).expect(400);
    });

    it("refuses a title of invisible characters only", async () => {
      const res = await request(app).post("/api/cases").set(h.operator).send(caseBody({ title: "\u200b\u200c\u2060\ufeff" })).expect(400);
      expect(res.body.error.details.map((d: { path: string }) => d.path)).to.include("title");
    });
  });

  describe("merged requesters follow the surviving case (#11.1)", () => {
    it("lets an enterprise whose case was merged read the survivor as a requester and follow it live, masked", async () => {
      const survivor = await createCase(app, h.operator, { requester: WHISTLEBLOWER, title: `同一问题 ${unique()}` });
      const mine = await createCase(app, h.ent2, { requester: {} });
      await actOk(app, h.operator, mine.id, "merge", { intoCaseId: survivor.id });
      const socket = await client(users.ent2);

      const read = await request(app).get(`/api/cases/${survivor.id}`).set(h.ent2).expect(200);
      expect(read.body.case.requester).to.include({ name: null, phone: null, enterpriseName: null });
      expect(read.body.case.actions).to.deep.equal(["comment"]);
      expect(read.body.timeline.every((e: { public: boolean }) => e.public)).to.equal(true);
      expect(read.body.mergedCases.map((m: { id: string }) => m.id)).to.include(mine.id);
      expect(JSON.stringify(read.body)).to.not.contain(WHISTLEBLOWER.phone).and.not.contain(WHISTLEBLOWER.name);

      await actOk(app, h.operator, survivor.id, "dispatch", { departmentId: dept, note: "内部备注" });
      const live = await socket.waitFor((r) => r.name === "case.updated" && r.payload.case.id === survivor.id);
      expect(live.payload.case.requester.phone).to.equal(null);
      expect(live.payload.event.data).to.not.have.property("note");
      // Not a rating of someone else's reply, and not a text search that could probe who raised it.
      expect((await act(app, h.ent2, survivor.id, "reopen", { reason: "x" })).status).to.equal(403);
      const probe = await request(app).get("/api/cases").query({ q: survivor.title }).set(h.ent2).expect(200);
      expect(probe.body.items.map((c: { id: string }) => c.id)).to.not.include(survivor.id);
    });
  });
});
