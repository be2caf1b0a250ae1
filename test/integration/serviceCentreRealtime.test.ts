import { expect } from "chai";
import request from "supertest";
import { FakeClock } from "../../server/clock.ts";
import type { AppDeps } from "../../server/context.ts";
import type { UserRow } from "../../models/schema/index.ts";
import { unique } from "../factories.ts";
import type { Header } from "../support/api.ts";
import { randomMonday } from "../support/dates.ts";
import { buildPeople, buildService, callNext, step, takeTicket } from "../support/hall.ts";
import { connectClient, settle, startTestServer, type TestClient, type TestServer } from "../support/sockets.ts";
import { testDeps } from "../support/testDeps.ts";

const PHONE = "13612345678";

describe("service centre live: the /board namespace, hall staff and remote tickets", () => {
  const day = randomMonday();
  let clock: FakeClock;
  let deps: AppDeps;
  let server: TestServer;
  let users: Record<"admin" | "clerk" | "ent1" | "ent2", UserRow>;
  let h: Record<keyof typeof users, Header>;
  const open: TestClient[] = [];

  const client = async (url: string, user?: UserRow) => {
    const c = await connectClient(url, user ? { token: await deps.tokens.issue(user.id, user.sessionEpoch) } : {});
    open.push(c);
    return c;
  };

  before(async () => {
    clock = new FakeClock(new Date(`${day}T03:00:00.000Z`));
    deps = await testDeps({ clock, env: { KIOSK_RATE_LIMIT: "1000" } });
    server = await startTestServer(deps);
    ({ users, h } = await buildPeople(deps, { admin: "admin", clerk: "clerk", ent1: "enterprise", ent2: "enterprise" }));
  });

  afterEach(() => {
    for (const c of open.splice(0)) c.socket.close();
  });

  after(async () => {
    await server.close();
  });

  it("announces a call on /board without sign-in, and the board holds no phone or name (HTTP and socket)", async () => {
    const line = await buildService(server.app, h.admin);
    const board = await client(`${server.url}/board`);
    const staff = await client(server.url, users.clerk);
    const enterprise = await client(server.url, users.ent2);
    const t = await takeTicket(server.app, line.code, { phone: PHONE, header: h.ent1 });
    const updated = await board.waitFor((r) => r.name === "queue.updated" && r.payload.waiting.some((w: { serviceCode: string; count: number }) => w.serviceCode === line.code && w.count === 1));
    expect(Object.keys(updated.payload).sort()).to.deep.equal(["centreId", "waiting"]);
    await callNext(server.app, h.clerk, "3", [line.code]).expect(200);
    const called = await board.waitFor((r) => r.name === "queue.called" && r.payload.number === t.number);
    expect(called.payload).to.deep.equal({ centreId: "main", number: t.number, window: "3", serviceCode: line.code, at: clock.now().toISOString() });
    await staff.waitFor((r) => r.name === "queue.called" && r.payload.number === t.number);
    await board.waitFor((r) => r.name === "queue.updated" && r.payload.waiting.some((w: { serviceCode: string; count: number }) => w.serviceCode === line.code && w.count === 0));
    await settle();
    // The board hears calls and counts only, never a ticket.
    expect(new Set(board.received.map((r) => r.name))).to.deep.equal(new Set(["queue.updated", "queue.called"]));
    const everything = JSON.stringify(board.received);
    expect(everything).to.not.contain(PHONE);
    expect(everything).to.not.contain(users.ent1.enterpriseId!);
    expect(enterprise.received.filter((r) => r.name.startsWith("queue."))).to.deep.equal([]);
    const http = await request(server.app).get("/api/service-centre/board").expect(200);
    expect(http.body.calls[0]).to.deep.equal({ number: t.number, window: "3", serviceCode: line.code, at: clock.now().toISOString() });
    expect(http.body.waiting.find((w: { serviceCode: string }) => w.serviceCode === line.code)).to.deep.equal({ serviceCode: line.code, count: 0 });
    expect(JSON.stringify(http.body)).to.not.contain(PHONE).and.not.contain(users.ent1.displayName);
  });

  it("lets an enterprise follow its remote ticket live: 前面还有 2 → 1 → 0 人, then called", async () => {
    const line = await buildService(server.app, h.admin);
    const first = await takeTicket(server.app, line.code);
    await takeTicket(server.app, line.code);
    const mine = await client(server.url, users.ent1);
    const stranger = await client(server.url, users.ent2);
    const t = await takeTicket(server.app, line.code, { header: h.ent1 });
    expect(t.aheadCount).to.equal(2);
    const about = (r: { name: string; payload: any }) => r.name === "queue.ticket" && r.payload.ticket.id === t.id;
    await callNext(server.app, h.clerk, "8", [line.code]).expect(200);
    await mine.waitFor((r) => about(r) && r.payload.ticket.aheadCount === 1);
    await step(server.app, h.clerk, first.id, "skip").expect(200);
    await callNext(server.app, h.clerk, "8", [line.code]).expect(200);
    await mine.waitFor((r) => about(r) && r.payload.ticket.aheadCount === 0 && r.payload.ticket.status === "waiting");
    await callNext(server.app, h.clerk, "8", [line.code]).expect(200);
    const called = await mine.waitFor((r) => about(r) && r.payload.ticket.status === "called");
    expect(called.payload.ticket).to.include({ window: "8", number: t.number });
    await settle();
    expect(stranger.received.filter((r) => r.name.startsWith("queue."))).to.deep.equal([]);
  });

  describe("across instances (Redis adapter)", () => {
    let a: TestServer, b: TestServer;

    before(async function () {
      if (!process.env.REDIS_URL) {
        console.log("      (skipped: set REDIS_URL, e.g. redis://127.0.0.1:6379, to test the board across two instances)");
        this.skip();
      }
      const env = { REDIS_URL: process.env.REDIS_URL, KIOSK_RATE_LIMIT: "1000" };
      const redisKey = unique("ow-hall");
      a = await startTestServer(await testDeps({ clock, env }), { redisKey });
      b = await startTestServer(await testDeps({ clock, env }), { redisKey });
    });

    after(async () => {
      await a?.close();
      await b?.close();
    });

    it("shows a call made on instance A on a board connected to instance B, once", async () => {
      const line = await buildService(a.app, h.admin);
      const onB = await client(`${b.url}/board`);
      const onA = await client(`${a.url}/board`);
      const t = await takeTicket(a.app, line.code);
      await callNext(a.app, h.clerk, "2", [line.code]).expect(200);
      await onB.waitFor((r) => r.name === "queue.called" && r.payload.number === t.number);
      await onA.waitFor((r) => r.name === "queue.called" && r.payload.number === t.number);
      await settle();
      expect(onB.received.filter((r) => r.name === "queue.called" && r.payload.number === t.number)).to.have.length(1);
      expect(onA.received.filter((r) => r.name === "queue.called" && r.payload.number === t.number)).to.have.length(1);
    });
  });
});
