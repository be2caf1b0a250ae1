import { expect } from "chai";
import { eq } from "drizzle-orm";
import type { Express } from "express";
import request from "supertest";
import { webhookDeliveries } from "../../models/schema/index.ts";
import { createApp } from "../../server/app.ts";
import { createCase as createCaseCommand } from "../../server/commands/createCase.ts";
import { withTransaction } from "../../server/commands/context.ts";
import type { AppDeps } from "../../server/context.ts";
import { startWebhookWorker, type WebhookWorker } from "../../server/jobs/webhookWorker.ts";
import { authHeader, buildDepartment, buildUser, unique } from "../factories.ts";
import { actOk, caseBody, createCase, type Header } from "../support/api.ts";
import { testDeps } from "../support/testDeps.ts";
import { WebhookReceiver } from "../support/webhookReceiver.ts";

const FAST = { WEBHOOK_RETRY_BASE_MS: "40", WEBHOOK_RETRY_MAX_MS: "200", WEBHOOK_TIMEOUT_MS: "2000" };

describe("webhooks: transactional outbox and worker", () => {
  let deps: AppDeps;
  let app: Express;
  let admin: Header, operator: Header, handler: Header;
  let deptId: string;
  const receivers: WebhookReceiver[] = [];
  const workers: WebhookWorker[] = [];

  before(async () => {
    deps = await testDeps({ env: FAST });
    app = createApp(deps);
    const db = deps.database.db;
    deptId = (await buildDepartment(db)).id;
    admin = await authHeader(deps.tokens, await buildUser(db, "admin"));
    operator = await authHeader(deps.tokens, await buildUser(db, "operator"));
    handler = await authHeader(deps.tokens, await buildUser(db, "handler", { departmentId: deptId }));
  });

  afterEach(async () => {
    await Promise.all(workers.splice(0).map((w) => w.stop()));
    await Promise.all(receivers.splice(0).map((r) => r.stop()));
    // Other tests must not feed this file's subscriptions.
    for (const w of (await request(app).get("/api/webhooks").set(admin)).body) await request(app).delete(`/api/webhooks/${w.id}`).set(admin).expect(204);
  });

  async function subscribe(body: Record<string, unknown> = {}) {
    const receiver = await new WebhookReceiver().start();
    receivers.push(receiver);
    const res = await request(app)
      .post("/api/webhooks")
      .set(admin)
      .send({ url: receiver.url, events: ["case.created", "case.updated"], ...body })
      .expect(201);
    receiver.secret = res.body.secret;
    return { receiver, webhook: res.body.webhook as { id: string } };
  }
  const worker = (d: AppDeps = deps) => {
    const w = startWebhookWorker(d, { pollMs: 30 });
    workers.push(w);
    return w;
  };
  const deliveriesOf = (caseId: string) => deps.database.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.caseId, caseId));

  it("manages subscriptions (admin only, validated, secret shown once)", async () => {
    const { webhook } = await subscribe();
    const list = await request(app).get("/api/webhooks").set(admin).expect(200);
    expect(JSON.stringify(list.body)).not.to.contain("whsec_");
    await request(app).get("/api/webhooks").set(operator).expect(403);
    await request(app).get("/api/webhooks").expect(401);
    for (const bad of [{ url: "ftp://x", events: ["case.created"] }, { url: "http://x", events: [] }, { url: "http://x", events: ["case.nope"] }, { url: "http://x", events: ["case.created"], integrationClientId: "missing" }]) {
      expect((await request(app).post("/api/webhooks").set(admin).send(bad).expect(400)).body.error.code).to.equal("validation_failed");
    }
    const patched = await request(app).patch(`/api/webhooks/${webhook.id}`).set(admin).send({ active: false, events: ["case.deadline"] }).expect(200);
    expect(patched.body.webhook).to.include({ active: false });
    await request(app).get(`/api/webhooks/${webhook.id}`).set(admin).expect(200);
    await request(app).get(`/api/webhooks/nope/deliveries`).set(admin).expect(404);
    await request(app).post(`/api/webhooks/deliveries/nope/redeliver`).set(admin).expect(404);
    await request(app).delete(`/api/webhooks/${webhook.id}`).set(admin).expect(204);
    await request(app).delete(`/api/webhooks/${webhook.id}`).set(admin).expect(404);
  });

  it("writes the delivery in the transaction of the change, and never one for a change that rolled back", async () => {
    await subscribe();
    const kase = await createCase(app, operator);
    const rows = await deliveriesOf(kase.id);
    expect(rows.map((r) => [r.event, r.status])).to.deep.equal([["case.created", "pending"]]);
    const user = await buildUser(deps.database.db, "operator");
    const actor = { kind: "user" as const, id: user.id, role: "operator" as const, username: user.username, displayName: user.displayName, departmentId: null, enterpriseId: null };
    let rolledBackId = "";
    const failing = withTransaction(deps, actor, async (ctx) => {
      const { case: row } = await createCaseCommand(ctx, { ...caseBody(), priority: "normal" } as never, null);
      rolledBackId = row.id;
      throw new Error("the change fails after intake");
    });
    await failing.then(() => expect.fail("should have thrown"), (err: Error) => expect(err.message).to.contain("fails"));
    expect(rolledBackId).not.to.equal("");
    expect(await deliveriesOf(rolledBackId)).to.deep.equal([]);
  });

  it("sends signed deliveries with a unique id and the external projection (no personal data), and records status and timing", async () => {
    const { receiver, webhook } = await subscribe();
    worker();
    const kase = await createCase(app, operator, { requester: { name: "李四", phone: "13900001111", creditCode: "91350100M000100Y43" } });
    const [got] = await receiver.waitFor(1);
    expect(receiver.rejected).to.equal(0);
    expect(got.event).to.equal("case.created");
    expect(got.body.id).to.equal(got.id);
    expect(got.body.case.id).to.equal(kase.id);
    expect(got.body.case.requester).to.include({ name: null, phone: null, creditCode: null });
    expect(JSON.stringify(got.body)).not.to.contain("13900001111").and.not.to.contain("李四");
    // Recorded after the answer.
    let listed: { status: string; responseCode: number; durationMs: number; attempts: number }[] = [];
    for (let i = 0; i < 50 && listed[0]?.status !== "succeeded"; i++) {
      listed = (await request(app).get(`/api/webhooks/${webhook.id}/deliveries`).set(admin).expect(200)).body.items;
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(listed[0]).to.include({ status: "succeeded", responseCode: 200, attempts: 1 });
    expect(listed[0].durationMs).to.be.a("number");
  });

  it("retries a receiver that is down and, once it is back, delivers every event in order per case", async function () {
    this.timeout(60_000);
    const { receiver } = await subscribe();
    await receiver.stop();
    worker();
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const kase = await createCase(app, operator);
      ids.push(kase.id);
      await actOk(app, operator, kase.id, "dispatch", { departmentId: deptId });
      await actOk(app, handler, kase.id, "sign");
      await actOk(app, operator, kase.id, "comment", { content: `第${i}次备注` });
    }
    await new Promise((r) => setTimeout(r, 500)); // several failed attempts meanwhile
    const failedSoFar = (await Promise.all(ids.map(deliveriesOf))).flat();
    expect(failedSoFar.some((d) => d.attempts >= 2 && d.lastError), "attempts were made and failed").to.equal(true);
    await receiver.start();
    const got = await receiver.waitFor(12, 30_000);
    for (const id of ids) {
      const seqs = got.filter((d) => d.body.case.id === id).map((d) => (d.body.change as { seq: number }).seq);
      expect(seqs, `order of case ${id}`).to.deep.equal([1, 2, 3, 4]);
    }
  });

  it("marks a delivery failed when the retry window ends, and redelivers it on request with the same id", async function () {
    this.timeout(30_000);
    const short = await testDeps({ env: { ...FAST, WEBHOOK_RETRY_HOURS: "0.0002" } }); // 0.72 s
    const shortApp = createApp(short);
    const { receiver, webhook } = await subscribe();
    receiver.failWith = 503;
    worker(short);
    const kase = await createCase(shortApp, operator);
    let row = (await deliveriesOf(kase.id))[0];
    for (let i = 0; i < 200 && row.status !== "failed"; i++) {
      await new Promise((r) => setTimeout(r, 30));
      row = (await deliveriesOf(kase.id))[0];
    }
    expect(row).to.include({ status: "failed", responseCode: 503 });
    expect(row.attempts).to.be.greaterThan(1);
    receiver.failWith = null;
    const redone = await request(app).post(`/api/webhooks/deliveries/${row.id}/redeliver`).set(admin).expect(200);
    expect(redone.body.delivery).to.include({ id: row.id, status: "pending" });
    const [got] = await receiver.waitFor(1);
    expect(got.id).to.equal(row.id);
    // Recorded once the answer is in (outcomes are written in small batches).
    let listed: { id: string }[] = [];
    for (let i = 0; i < 50 && !listed.length; i++) {
      await new Promise((r) => setTimeout(r, 20));
      listed = (await request(app).get(`/api/webhooks/${webhook.id}/deliveries?status=succeeded`).set(admin).expect(200)).body.items;
    }
    expect(listed.map((d) => d.id)).to.deep.equal([row.id]);
  });

  it("two instances' workers deliver each event once", async function () {
    this.timeout(60_000);
    const { receiver } = await subscribe({ events: ["case.created"] });
    receiver.delayMs = 20;
    const other = await testDeps({ env: FAST });
    worker();
    worker(other);
    const n = 40;
    await Promise.all(Array.from({ length: n }, () => createCase(app, operator)));
    await receiver.waitFor(n, 30_000);
    await new Promise((r) => setTimeout(r, 300));
    expect(receiver.deliveries.length, "no delivery sent twice").to.equal(n);
  });

  describe("bound to an integration client", () => {
    it("carries that client's own cases only, with the upper platform's step codes, department, reply and its reply deadline", async function () {
      this.timeout(30_000);
      const a = (await request(app).post("/api/integration-clients").set(admin).send({ name: `省平台A${unique()}` }).expect(201)).body;
      const b = (await request(app).post("/api/integration-clients").set(admin).send({ name: `省平台B${unique()}` }).expect(201)).body;
      const { receiver } = await subscribe({ integrationClientId: a.id });
      worker();
      const upstreamReplyBy = "2030-01-10T09:00:00.000Z";
      const caseA = (await request(app).post("/api/cases").set({ Authorization: `Bearer ${a.apiKey}` }).send(caseBody({ externalRef: unique("A-"), upstreamReplyBy })).expect(201)).body.case;
      expect(caseA.deadlines.upstreamReplyBy, "the platform reads its own deadline back").to.equal(upstreamReplyBy);
      const caseB = (await request(app).post("/api/cases").set({ Authorization: `Bearer ${b.apiKey}` }).send(caseBody({ externalRef: unique("B-") })).expect(201)).body.case;
      await createCase(app, operator);
      for (const id of [caseA.id, caseB.id]) {
        await actOk(app, operator, id, "dispatch", { departmentId: deptId });
        await actOk(app, handler, id, "sign");
        await actOk(app, handler, id, "reply", { content: "已责令工地夜间停工。，经现场核查问题已整改到位，承办人李工。" });
      }
      const got = await receiver.waitFor(4);
      await new Promise((r) => setTimeout(r, 200));
      expect(receiver.unique.every((d) => d.body.case.id === caseA.id), "only client A's case").to.equal(true);
      const steps = got.map((d) => (d.body.upstream as { step: { code: string } }).step.code);
      expect(steps).to.deep.equal(["SL", "PD", "QS", "BJ"]);
      const last = got[3].body as unknown as { case: { requester: { phone: string } }; upstream: Record<string, unknown> };
      expect(last.upstream).to.deep.include({ externalRef: caseA.externalRef, publicReply: "已责令工地夜间停工。，经现场核查问题已整改到位，承办人李工。" });
      expect((last.upstream.department as { id: string; name: string }).id).to.equal(deptId);
      expect((last.upstream.department as { name: string }).name).to.match(/^测试部门/);
      expect((last.upstream.deadlines as { upstreamReplyBy: string; replyBy: string }).upstreamReplyBy).to.equal(upstreamReplyBy);
      // The client reads its own ticket as it sent it.
      expect(last.case.requester.phone).to.equal("13800138000");
    });

    it("refuses upstreamReplyBy from anyone but an integration client", async () => {
      const res = await request(app).post("/api/cases").set(operator).send(caseBody({ upstreamReplyBy: "2030-01-10T09:00:00.000Z" })).expect(400);
      expect(res.body.error.details.map((d: { path: string }) => d.path)).to.include("upstreamReplyBy");
    });
  });

  it("reconciliation: a client that missed deliveries catches up from an updatedSince cursor", async () => {
    const c = (await request(app).post("/api/integration-clients").set(admin).send({ name: `对账${unique()}` }).expect(201)).body;
    const key = { Authorization: `Bearer ${c.apiKey}` };
    const since = new Date(Date.now() - 1000).toISOString();
    const mine: string[] = [];
    for (let i = 0; i < 5; i++) mine.push((await request(app).post("/api/cases").set(key).send(caseBody({ externalRef: unique("R-") })).expect(201)).body.case.id);
    await actOk(app, operator, mine[0], "dispatch", { departmentId: deptId });
    const seen = new Map<string, number>();
    let cursor: string | null = null;
    let pages = 0;
    do {
      const q: string = `/api/cases?updatedSince=${encodeURIComponent(since)}&limit=2${cursor ? `&cursor=${cursor}` : ""}`;
      const page = (await request(app).get(q).set(key).expect(200)).body as { items: { id: string; version: number }[]; nextCursor: string | null };
      for (const item of page.items) seen.set(item.id, item.version);
      cursor = page.nextCursor;
      pages++;
    } while (cursor && pages < 20);
    expect([...seen.keys()].sort()).to.deep.equal([...mine].sort());
    expect(seen.get(mine[0])).to.equal(2);
  });
});
