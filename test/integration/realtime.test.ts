import { randomUUID } from "node:crypto";
import { expect } from "chai";
import request from "supertest";
import { FakeClock } from "../../server/clock.ts";
import type { AppDeps } from "../../server/context.ts";
import { sweepOnce } from "../../server/jobs/deadlineSweeper.ts";
import type { UserRow } from "../../models/schema/index.ts";
import { authHeader, buildDepartment, buildEnterprise, buildUser, TEST_PASSWORD, unique } from "../factories.ts";
import { act, actOk, createCase, readCase, type Header } from "../support/api.ts";
import { connectClient, connectError, emitWithAck, settle, startTestServer, type TestClient, type TestServer } from "../support/sockets.ts";
import { testDeps } from "../support/testDeps.ts";

// Mon 2025-11-03 09:00 +08: an ordinary working morning.
const T0 = "2025-11-03T01:00:00.000Z";

describe("realtime (Socket.IO)", () => {
  let deps: AppDeps;
  let clock: FakeClock;
  let server: TestServer;
  let users: Record<"operator" | "admin" | "handlerA" | "handlerB" | "ent1" | "ent2", UserRow>;
  let h: Record<keyof typeof users, Header>;
  let deptA: string, deptB: string;
  const open: TestClient[] = [];

  const token = (user: UserRow) => deps.tokens.issue(user.id, user.sessionEpoch);
  async function client(user: UserRow): Promise<TestClient> {
    const c = await connectClient(server.url, { token: await token(user) });
    open.push(c);
    return c;
  }

  before(async () => {
    clock = new FakeClock(new Date(T0));
    deps = await testDeps({ clock });
    server = await startTestServer(deps);
    const db = deps.database.db;
    deptA = (await buildDepartment(db)).id;
    deptB = (await buildDepartment(db)).id;
    users = {
      operator: await buildUser(db, "operator"),
      admin: await buildUser(db, "admin"),
      handlerA: await buildUser(db, "handler", { departmentId: deptA }),
      handlerB: await buildUser(db, "handler", { departmentId: deptB }),
      ent1: await buildUser(db, "enterprise", { enterpriseId: (await buildEnterprise(db)).id }),
      ent2: await buildUser(db, "enterprise", { enterpriseId: (await buildEnterprise(db)).id }),
    };
    h = {} as typeof h;
    for (const [k, u] of Object.entries(users)) h[k as keyof typeof users] = await authHeader(deps.tokens, u);
  });

  beforeEach(() => clock.set(T0));

  afterEach(() => {
    for (const c of open.splice(0)) c.socket.close();
  });

  after(async () => {
    await server.close();
  });

  describe("handshake", () => {
    it("refuses a connection without credentials with `unauthorized`", async () => {
      expect(await connectError(server.url)).to.equal("unauthorized");
    });

    it("refuses a bad token, a non-string token and a tampered session cookie", async () => {
      expect(await connectError(server.url, { token: "not-a-token" })).to.equal("unauthorized");
      expect(await connectError(server.url, { token: 42 as unknown as string })).to.equal("unauthorized");
      expect(await connectError(server.url, { cookie: "ow.sid=s%3Aforged.signature" })).to.equal("unauthorized");
    });

    it("accepts the session cookie of a signed-in browser, over polling then websocket", async () => {
      const agent = request.agent(server.app);
      const login = await agent.post("/api/auth/login").send({ username: users.handlerA.username, password: TEST_PASSWORD }).expect(200);
      const cookie = (login.headers["set-cookie"] as unknown as string[]).map((c) => c.split(";")[0]).join("; ");
      const c = await connectClient(server.url, { cookie, transports: ["polling", "websocket"] });
      open.push(c);
      const kase = await createCase(server.app, h.operator);
      await actOk(server.app, h.operator, kase.id, "dispatch", { departmentId: deptA });
      const got = await c.waitFor((r) => r.name === "case.updated" && r.payload.case.id === kase.id);
      expect(got.payload.event.action).to.equal("dispatch");
    });

    it("refuses a session cookie sent from another site's page", async () => {
      const login = await request(server.app).post("/api/auth/login").send({ username: users.handlerA.username, password: TEST_PASSWORD }).expect(200);
      const cookie = (login.headers["set-cookie"] as unknown as string[]).map((c) => c.split(";")[0]).join("; ");
      expect(await connectError(server.url, { cookie, headers: { origin: "http://evil.example" } })).to.equal("unauthorized");
      // The same cookie from this site's own page is fine.
      const own = await connectClient(server.url, { cookie, headers: { origin: server.url } });
      open.push(own);
    });
  });

  describe("delivery by scope", () => {
    it("sends case.updated to the lead department and provably nothing to another department", async () => {
      const a = await client(users.handlerA);
      const b = await client(users.handlerB);
      const kase = await createCase(server.app, h.operator);
      await actOk(server.app, h.operator, kase.id, "dispatch", { departmentId: deptA });
      const got = await a.waitFor((r) => r.name === "case.updated" && r.payload.case.id === kase.id);
      expect(got.payload.case.status).to.equal("dispatched");
      expect(got.payload.case.departmentId).to.equal(deptA);
      expect(got.payload.event).to.include({ caseId: kase.id, action: "dispatch" });
      await settle();
      expect(b.about(kase.id)).to.deep.equal([]);
      // A handler was not in scope at intake either.
      expect(a.about(kase.id).map((r) => r.name)).to.deep.equal(["case.updated"]);
    });

    it("masks a confidential requester's phone for handlers but not for operators, exactly as over HTTP", async () => {
      const a = await client(users.handlerA);
      const op = await client(users.operator);
      const kase = await createCase(server.app, h.operator, { type: "report", requester: { name: "李四", phone: "13800138000" } });
      await actOk(server.app, h.operator, kase.id, "dispatch", { departmentId: deptA });
      const toHandler = await a.waitFor((r) => r.name === "case.updated" && r.payload.case.id === kase.id);
      const toOperator = await op.waitFor((r) => r.name === "case.updated" && r.payload.case.id === kase.id);
      expect(toHandler.payload.case.requester.phone).to.equal("138****8000");
      expect(toOperator.payload.case.requester.phone).to.equal("13800138000");
      expect(toHandler.payload.case).to.deep.equal((await readCase(server.app, h.handlerA, kase.id)).body.case);
      expect(toOperator.payload.case).to.deep.equal((await readCase(server.app, h.operator, kase.id)).body.case);
      expect(toHandler.payload.case.actions).to.include("sign");
      expect(toOperator.payload.case.actions).to.not.include("sign");
    });

    it("gives an enterprise its own cases and their public events only", async () => {
      const e1 = await client(users.ent1);
      const e2 = await client(users.ent2);
      const a = await client(users.handlerA);
      const kase = await createCase(server.app, h.ent1, { type: "help" });
      await e1.waitFor((r) => r.name === "case.created" && r.payload.case.id === kase.id);
      await actOk(server.app, h.operator, kase.id, "dispatch", { departmentId: deptA });
      await actOk(server.app, h.handlerA, kase.id, "comment", { content: "内部意见：需联合执法", internal: true });
      await a.waitFor((r) => r.name === "case.updated" && r.payload.event?.action === "comment" && r.payload.case.id === kase.id);
      await actOk(server.app, h.handlerA, kase.id, "comment", { content: "已安排现场核查", internal: false });
      // The public comment comes after the internal one on the case's ordered channel: it is the barrier.
      await e1.waitFor((r) => r.payload.event?.data?.content === "已安排现场核查");
      const mine = e1.about(kase.id);
      expect(mine.map((r) => `${r.name}:${r.payload.event?.action ?? ""}`)).to.deep.equal(["case.created:", "case.updated:dispatch", "case.updated:comment"]);
      for (const r of mine.slice(1)) {
        expect(r.payload.event.public).to.equal(true);
        expect(r.payload.event.actorId).to.equal(null); // staff identities are not shown to enterprises
        expect(r.payload.case.externalRef).to.equal(null);
      }
      expect(JSON.stringify(mine)).to.not.include("内部意见");
      await settle();
      expect(e2.about(kase.id)).to.deep.equal([]);
    });

    it("tells an enterprise that an internal step closed its case, without the step's content", async () => {
      const e1 = await client(users.ent1);
      const kase = await createCase(server.app, h.ent1, { type: "help" });
      await actOk(server.app, h.operator, kase.id, "dispatch", { departmentId: deptA });
      await actOk(server.app, h.handlerA, kase.id, "sign");
      await actOk(server.app, h.handlerA, kase.id, "reply", { content: "已处理，经现场核查问题已整改到位，承办人李工。" });
      await actOk(server.app, h.operator, kase.id, "callback", { reached: true, satisfaction: 5, comment: "回访备注：企业很满意" });
      const closed = await e1.waitFor((r) => r.name === "case.updated" && r.payload.case.id === kase.id && r.payload.case.status === "closed");
      expect(closed.payload.event).to.include({ action: "callback", public: false, actorId: null });
      expect(closed.payload.event.data).to.deep.equal({});
      expect(closed.payload.case).to.deep.equal((await readCase(server.app, h.ent1, kase.id)).body.case);
      expect(JSON.stringify(e1.about(kase.id))).to.not.include("回访备注");
    });

    it("tells a department that lost a case only that it was removed", async () => {
      const a = await client(users.handlerA);
      const b = await client(users.handlerB);
      const kase = await createCase(server.app, h.operator);
      await actOk(server.app, h.operator, kase.id, "dispatch", { departmentId: deptA });
      await actOk(server.app, h.handlerA, kase.id, "return", { reason: "not_our_function", note: "不属于本单位职责" });
      await actOk(server.app, h.operator, kase.id, "decide-return", { approve: true });
      const removed = await a.waitFor((r) => r.name === "case.removed");
      expect(removed.payload).to.deep.equal({ caseId: kase.id });
      expect((await readCase(server.app, h.handlerA, kase.id)).status).to.equal(404);
      await actOk(server.app, h.operator, kase.id, "dispatch", { departmentId: deptB });
      await b.waitFor((r) => r.name === "case.updated" && r.payload.case.id === kase.id);
      await settle();
      expect(a.about(kase.id).map((r) => `${r.name}:${r.payload.event?.action ?? ""}`)).to.deep.equal([
        "case.updated:dispatch",
        "case.updated:return",
        "case.removed:",
      ]);
    });

    it("announces nothing for an action that rolled back, and exactly one event for the next that commits", async () => {
      const op = await client(users.operator);
      const kase = await createCase(server.app, h.operator);
      await op.waitFor((r) => r.name === "case.created" && r.payload.case.id === kase.id);
      expect((await act(server.app, h.operator, kase.id, "dispatch", { departmentId: deptA, version: kase.version + 7 })).status).to.equal(409);
      // Fails inside the transaction, after the case row was locked and read.
      expect((await act(server.app, h.operator, kase.id, "dispatch", { departmentId: randomUUID() })).status).to.equal(400);
      await settle();
      expect(op.about(kase.id).map((r) => r.name)).to.deep.equal(["case.created"]);
      await actOk(server.app, h.operator, kase.id, "dispatch", { departmentId: deptA, version: kase.version });
      await op.waitFor((r) => r.name === "case.updated" && r.payload.case.id === kase.id);
      await settle();
      expect(op.about(kase.id).map((r) => r.name)).to.deep.equal(["case.created", "case.updated"]);
    });

    it("sends deadline warnings to staff who can read the case, never to its enterprise", async () => {
      const a = await client(users.handlerA);
      const b = await client(users.handlerB);
      const e1 = await client(users.ent1);
      const kase = await createCase(server.app, h.ent1, { type: "help" });
      await actOk(server.app, h.operator, kase.id, "dispatch", { departmentId: deptA });
      clock.set("2025-11-03T02:30:00.000Z"); // 10:30 +08: 75 % of the 2 working hours to sign
      await sweepOnce(deps);
      const got = await a.waitFor((r) => r.name === "case.deadline" && r.payload.caseId === kase.id);
      expect(got.payload).to.deep.equal({ caseId: kase.id, kind: "sign", state: "warning" });
      await settle();
      expect(e1.about(kase.id).map((r) => r.name)).to.deep.equal(["case.created", "case.updated"]);
      expect(b.about(kase.id)).to.deep.equal([]);
    });
  });

  describe("case:watch", () => {
    it("joins a readable case's room, answers not_found otherwise, and validates the payload", async () => {
      const a = await client(users.handlerA);
      const b = await client(users.handlerB);
      const kase = await createCase(server.app, h.operator);
      await actOk(server.app, h.operator, kase.id, "dispatch", { departmentId: deptA });
      expect(await emitWithAck(a.socket, "case:watch", { caseId: kase.id })).to.deep.equal({ ok: true });
      expect(await emitWithAck(b.socket, "case:watch", { caseId: kase.id })).to.deep.equal({ ok: false, error: "not_found" });
      expect(await emitWithAck(b.socket, "case:watch", { caseId: randomUUID() })).to.deep.equal({ ok: false, error: "not_found" });
      for (const bad of [null, "x", { caseId: 5 }, { caseId: "" }, { caseId: "x".repeat(500) }]) {
        expect(await emitWithAck(a.socket, "case:watch", bad)).to.deep.equal({ ok: false, error: "validation_failed" });
      }
      a.socket.emit("case:watch", { caseId: kase.id }); // no ack: must not break anything
      const inRoom = async () => (await server.realtime.io.in(`case:${kase.id}`).fetchSockets()).map((s) => s.id);
      expect(await inRoom()).to.deep.equal([a.socket.id]);
      expect(await emitWithAck(a.socket, "case:unwatch", { caseId: kase.id })).to.deep.equal({ ok: true });
      expect(await inRoom()).to.deep.equal([]);
    });
  });

  describe("disabling a user", () => {
    it("disconnects the user's sockets at once, and refuses them afterwards", async () => {
      const user = await buildUser(deps.database.db, "handler", { departmentId: deptA, username: unique("gone").toLowerCase() });
      const userToken = await token(user);
      const c = await connectClient(server.url, { token: userToken });
      open.push(c);
      const other = await client(users.handlerA);
      const reason = new Promise<string>((resolve) => c.socket.once("disconnect", resolve));
      await request(server.app).patch(`/api/users/${user.id}`).set(h.admin).send({ active: false }).expect(200);
      expect(await reason).to.equal("io server disconnect");
      expect(other.socket.connected).to.equal(true);
      expect(await connectError(server.url, { token: userToken })).to.equal("unauthorized");
    });
  });

  describe("across instances (Redis adapter)", () => {
    let depsA: AppDeps, depsB: AppDeps;
    let a: TestServer, b: TestServer;

    before(async function () {
      if (!process.env.REDIS_URL) {
        console.log("      (skipped: set REDIS_URL, e.g. redis://127.0.0.1:6379, to test two instances over the Redis adapter)");
        this.skip();
      }
      const env = { REDIS_URL: process.env.REDIS_URL };
      depsA = await testDeps({ clock, env });
      depsB = await testDeps({ clock, env });
      const redisKey = unique("ow-test"); // isolates this run from other processes on the same Redis
      a = await startTestServer(depsA, { redisKey });
      b = await startTestServer(depsB, { redisKey });
    });

    after(async () => {
      await a?.close();
      await b?.close();
    });

    it("delivers an event caused on instance A to a client on instance B, once", async () => {
      const onB = await connectClient(b.url, { token: await depsB.tokens.issue(users.handlerA.id, users.handlerA.sessionEpoch) });
      const onA = await connectClient(a.url, { token: await depsA.tokens.issue(users.operator.id, users.operator.sessionEpoch) });
      const otherOnB = await connectClient(b.url, { token: await depsB.tokens.issue(users.handlerB.id, users.handlerB.sessionEpoch) });
      open.push(onB, onA, otherOnB);
      const kase = await createCase(a.app, h.operator);
      await actOk(a.app, h.operator, kase.id, "dispatch", { departmentId: deptA });
      const got = await onB.waitFor((r) => r.name === "case.updated" && r.payload.case.id === kase.id);
      expect(got.payload.case.requester.phone).to.equal("13800138000");
      expect(got.payload.case).to.deep.equal((await readCase(b.app, h.handlerA, kase.id)).body.case);
      await settle();
      expect(onB.about(kase.id).map((r) => r.name)).to.deep.equal(["case.updated"]);
      expect(onA.about(kase.id).map((r) => r.name)).to.deep.equal(["case.created", "case.updated"]);
      expect(otherOnB.about(kase.id)).to.deep.equal([]);
    });

    it("disconnects a disabled user's socket on the other instance", async () => {
      const user = await buildUser(deps.database.db, "handler", { departmentId: deptA });
      const onB = await connectClient(b.url, { token: await depsB.tokens.issue(user.id, user.sessionEpoch) });
      open.push(onB);
      const reason = new Promise<string>((resolve) => onB.socket.once("disconnect", resolve));
      await request(a.app).patch(`/api/users/${user.id}`).set(h.admin).send({ active: false }).expect(200);
      expect(await reason).to.equal("io server disconnect");
    });
  });
});
