import { expect } from "chai";
import request from "supertest";
import type { Express } from "express";
import { createApp } from "../../server/app.ts";
import { FakeClock } from "../../server/clock.ts";
import type { AppDeps } from "../../server/context.ts";
import type { UserRow } from "../../models/schema/index.ts";
import { caseBody, createCase, readCase, type Header } from "../support/api.ts";
import { randomMonday } from "../support/dates.ts";
import { buildPeople, buildService, callNext, step, takeTicket } from "../support/hall.ts";
import { testDeps } from "../support/testDeps.ts";

describe("service centre: who may do what, and tickets into cases", () => {
  const day = randomMonday();
  let deps: AppDeps;
  let app: Express;
  let line: { code: string; prefix: string };
  let users: Record<"admin" | "clerk" | "clerk2" | "operator" | "supervisor" | "handler" | "ent1" | "ent2", UserRow>;
  let h: Record<keyof typeof users, Header>;

  before(async () => {
    deps = await testDeps({ clock: new FakeClock(new Date(`${day}T02:00:00.000Z`)), env: { KIOSK_RATE_LIMIT: "1000" } });
    app = createApp(deps);
    ({ users, h } = await buildPeople(deps, { admin: "admin", clerk: "clerk", clerk2: "clerk", operator: "operator", supervisor: "supervisor", handler: "handler", ent1: "enterprise", ent2: "enterprise" }));
    line = await buildService(app, h.admin);
  });

  /** A ticket called to the clerk's window and being served. */
  async function serving(clerk: Header = h.clerk, opts: { phone?: string } = {}) {
    const t = await takeTicket(app, line.code, opts);
    let called = await callNext(app, clerk, "7", [line.code]).expect(200);
    // Earlier tests may have left tickets waiting on the line: serve up to ours.
    while (called.body.ticket.id !== t.id) {
      await step(app, clerk, called.body.ticket.id, "skip").expect(200);
      called = await callNext(app, clerk, "7", [line.code]).expect(200);
    }
    await step(app, clerk, t.id, "start").expect(200);
    return t;
  }

  it("lets whoever holds a kiosk ticket's access code read it, and nobody else without signing in", async () => {
    const t = await takeTicket(app, line.code, { phone: "13900139000" });
    const read = await request(app).get(`/api/service-centre/tickets/${t.id}?accessCode=${t.accessCode}`).expect(200);
    expect(read.body.ticket).to.include({ id: t.id, number: t.number, phone: "13900139000" });
    expect(read.body.ticket).to.not.have.property("accessCode");
    await request(app).get(`/api/service-centre/tickets/${t.id}`).set("X-Ticket-Code", t.accessCode!).expect(200);
    expect((await request(app).get(`/api/service-centre/tickets/${t.id}`)).status).to.equal(401);
    expect((await request(app).get(`/api/service-centre/tickets/${t.id}?accessCode=wrong`)).body.error.code).to.equal("not_found");
    expect((await request(app).get(`/api/service-centre/tickets/${t.id}`).set(h.ent1)).status).to.equal(404);
    expect((await request(app).get(`/api/service-centre/tickets/${t.id}`).set(h.handler)).status).to.equal(404);
    expect((await request(app).get(`/api/service-centre/tickets/${t.id}`).set(h.supervisor)).status).to.equal(200);
    expect((await step(app, {} as Header, t.id, "cancel")).status).to.equal(401);
  });

  it("links a remote ticket to its enterprise: only that enterprise reads or cancels it, and holds one per line", async () => {
    const t = await takeTicket(app, line.code, { header: h.ent1 });
    expect(t.enterpriseId).to.equal(users.ent1.enterpriseId);
    const again = await request(app).post("/api/service-centre/tickets").set(h.ent1).send({ serviceCode: line.code }).expect(409);
    expect(again.body.error.code).to.equal("conflict");
    expect((await request(app).get(`/api/service-centre/tickets/${t.id}`).set(h.ent2)).status).to.equal(404);
    expect((await step(app, h.ent2, t.id, "cancel")).status).to.equal(404);
    expect((await step(app, h.ent1, t.id, "start")).status).to.equal(403);
    const mine = await request(app).get("/api/service-centre/tickets").set(h.ent1).expect(200);
    expect(mine.body.items.map((x: { id: string }) => x.id)).to.deep.equal([t.id]);
    expect((await request(app).get("/api/service-centre/tickets").set(h.ent2).expect(200)).body.items).to.deep.equal([]);
    expect((await step(app, h.ent1, t.id, "cancel").expect(200)).body.ticket.status).to.equal("cancelled");
    expect((await step(app, h.ent1, t.id, "cancel")).status).to.equal(409);
  });

  it("keeps the window's steps to clerks: 401 without sign-in, 403 for other roles", async () => {
    const t = await takeTicket(app, line.code);
    for (const who of [h.ent1, h.supervisor, h.handler, h.operator, h.admin]) {
      expect((await callNext(app, who, "1", [line.code])).status).to.equal(403);
    }
    expect((await callNext(app, {} as Header, "1", [line.code])).status).to.equal(401);
    expect((await step(app, h.supervisor, t.id, "skip")).status).to.equal(403);
    expect((await step(app, h.clerk, "no-such-ticket", "skip")).status).to.equal(404);
    expect((await step(app, h.clerk, t.id, "dance")).status).to.equal(400);
    expect((await request(app).get("/api/service-centre/stats").set(h.ent1)).status).to.equal(403);
    expect((await request(app).get("/api/service-centre/stats")).status).to.equal(401);
    expect((await request(app).get("/api/service-centre/hall").set(h.handler)).status).to.equal(403);
    const hall = await request(app).get("/api/service-centre/hall").set(h.supervisor).expect(200);
    expect(hall.body).to.include.keys("waiting", "longestWaitMinutes", "windowsOpen", "windows", "lines");
    expect(hall.body.waiting).to.be.greaterThan(0);
  });

  it("rate-limits the kiosk per client address with 429 rate_limited, but not signed-in enterprises", async () => {
    const limited = createApp(await testDeps({ clock: deps.clock as FakeClock, env: { KIOSK_RATE_LIMIT: "3" } }));
    for (let i = 0; i < 3; i++) await request(limited).post("/api/service-centre/tickets").send({ serviceCode: line.code }).expect(201);
    const res = await request(limited).post("/api/service-centre/tickets").send({ serviceCode: line.code }).expect(429);
    expect(res.body.error.code).to.equal("rate_limited");
    const other = await buildService(app, h.admin);
    await request(limited).post("/api/service-centre/tickets").set(h.ent2).send({ serviceCode: other.code }).expect(201);
  });

  it("finishes the ticket being served into the clerk's walk-in case, linked both ways", async () => {
    const t = await serving(h.clerk, { phone: "13700137000" });
    const res = await request(app).post("/api/cases").set(h.clerk).send(caseBody({ ticketId: t.id, requester: { phone: "13700137000" } })).expect(201);
    expect(res.body.case.channel).to.equal("service_centre");
    const ticket = (await request(app).get(`/api/service-centre/tickets/${t.id}`).set(h.clerk).expect(200)).body.ticket;
    expect(ticket).to.include({ status: "done", outcome: "case", caseId: res.body.case.id });
    const intake = (await readCase(app, h.clerk, res.body.case.id)).body.timeline.find((e: { action: string }) => e.action === "intake");
    expect(intake.data).to.include({ ticketId: t.id, ticketNumber: t.number });
  });

  it("refuses a ticket that is not serving at this clerk's window, and registers nothing", async () => {
    const waiting = await takeTicket(app, line.code);
    const notServing = await request(app).post("/api/cases").set(h.clerk).send(caseBody({ ticketId: waiting.id })).expect(409);
    expect(notServing.body.error.code).to.equal("invalid_transition");
    const theirs = await serving(h.clerk2);
    const other = await request(app).post("/api/cases").set(h.clerk).send(caseBody({ ticketId: theirs.id, title: "别的窗口的号" })).expect(400);
    expect(other.body.error.details[0].path).to.equal("ticketId");
    expect((await request(app).post("/api/cases").set(h.operator).send(caseBody({ ticketId: theirs.id }))).status).to.equal(400);
    const list = await request(app).get("/api/cases?q=别的窗口的号").set(h.clerk).expect(200);
    expect(list.body.items).to.have.length(0);
    expect((await request(app).get(`/api/service-centre/tickets/${theirs.id}`).set(h.clerk2)).body.ticket.status).to.equal("serving");
  });

  it("links a ticket to an existing case: the case's timeline records the ticket", async () => {
    const kase = await createCase(app, h.clerk);
    const t = await serving();
    const done = await step(app, h.clerk, t.id, "finish", { outcome: "case", caseId: kase.id }).expect(200);
    expect(done.body.ticket).to.include({ status: "done", outcome: "case", caseId: kase.id });
    const timeline = (await readCase(app, h.clerk, kase.id)).body.timeline;
    expect(timeline.find((e: { action: string }) => e.action === "service_ticket").data).to.deep.equal({ ticketId: t.id, ticketNumber: t.number });
  });
});
