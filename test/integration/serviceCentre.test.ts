import { expect } from "chai";
import ExcelJS from "exceljs";
import request from "supertest";
import type { Express } from "express";
import { createApp } from "../../server/app.ts";
import { FakeClock } from "../../server/clock.ts";
import type { AppDeps } from "../../server/context.ts";
import { authHeader, buildUser } from "../factories.ts";
import { binary, type Header } from "../support/api.ts";
import { addDays, randomMonday } from "../support/dates.ts";
import { buildPeople, buildService, callNext, step, takeTicket } from "../support/hall.ts";
import { testDeps } from "../support/testDeps.ts";

describe("service centre: numbers, calls and steps", () => {
  const day = randomMonday();
  let deps: AppDeps;
  let clock: FakeClock;
  let app: Express;
  let h: Record<"admin" | "clerk" | "clerk2" | "supervisor" | "handler" | "ent1" | "ent2", Header>;

  before(async () => {
    clock = new FakeClock(new Date(`${day}T01:00:00.000Z`)); // 09:00 in Shanghai
    deps = await testDeps({ clock, env: { KIOSK_RATE_LIMIT: "1000" } });
    app = createApp(deps);
    ({ h } = await buildPeople(deps, { admin: "admin", clerk: "clerk", clerk2: "clerk", supervisor: "supervisor", handler: "handler", ent1: "enterprise", ent2: "enterprise" }));
  });

  beforeEach(() => clock.set(`${day}T01:00:00.000Z`));

  it("seeds the hall's lines and lists them without sign-in", async () => {
    const res = await request(app).get("/api/service-centre/services").expect(200);
    const byCode = new Map(res.body.map((s: { code: string }) => [s.code, s]));
    expect(byCode.get("business")).to.deep.include({ name: "企业开办", prefix: "A", active: true });
    expect(byCode.get("general")).to.deep.include({ name: "综合咨询/12345", prefix: "E" });
  });

  it("numbers each line per Shanghai day: A001, A002 … and A001 again the next day", async () => {
    const line = await buildService(app, h.admin);
    const other = await buildService(app, h.admin);
    const a = await takeTicket(app, line.code);
    const b = await takeTicket(app, line.code, { phone: "13800138000" });
    const c = await takeTicket(app, other.code);
    expect([a.number, b.number, c.number]).to.deep.equal([`${line.prefix}001`, `${line.prefix}002`, `${other.prefix}001`]);
    expect(b).to.include({ status: "waiting", aheadCount: 1, serviceCode: line.code, window: null, caseId: null });
    expect(b.estimatedWaitMinutes).to.be.greaterThan(0);
    expect(a.accessCode).to.be.a("string");
    // 23:59 in Shanghai is still the same day; 00:00 is the next.
    clock.set(`${day}T15:59:00.000Z`);
    expect((await takeTicket(app, line.code)).number).to.equal(`${line.prefix}003`);
    clock.set(`${day}T16:00:00.000Z`);
    const next = await takeTicket(app, line.code);
    expect(next.number).to.equal(`${line.prefix}001`);
    expect(next.aheadCount).to.equal(0);
    expect(next.issuedAt.startsWith(day)).to.equal(true);
    expect(shanghaiDay(next.issuedAt)).to.equal(addDays(day, 1));
  });

  it("never issues the same number twice to concurrent kiosks", async () => {
    const line = await buildService(app, h.admin);
    const taken = await Promise.all(Array.from({ length: 15 }, () => takeTicket(app, line.code)));
    expect(new Set(taken.map((t) => t.number)).size).to.equal(15);
    expect(taken.map((t) => t.number).sort()).to.deep.equal(Array.from({ length: 15 }, (_, i) => `${line.prefix}${String(i + 1).padStart(3, "0")}`));
  });

  it("gives 20 concurrent call-next on 10 waiting tickets 10 distinct tickets and 10 × 404", async () => {
    const line = await buildService(app, h.admin);
    for (let i = 0; i < 10; i++) await takeTicket(app, line.code);
    const clerks = await Promise.all(Array.from({ length: 20 }, () => buildUser(deps.database.db, "clerk")));
    const headers = await Promise.all(clerks.map((c) => authHeader(deps.tokens, c)));
    const results = await Promise.all(headers.map((hd, i) => callNext(app, hd, String(i + 1), [line.code])));
    const ok = results.filter((r) => r.status === 200);
    expect(ok).to.have.length(10);
    expect(results.filter((r) => r.status === 404).map((r) => r.body.error.code)).to.deep.equal(Array(10).fill("not_found"));
    expect(new Set(ok.map((r) => r.body.ticket.id)).size).to.equal(10);
    for (const r of ok) expect(r.body.ticket).to.include({ status: "called" });
    expect((await callNext(app, headers[0], "1", [line.code])).status).to.equal(404);
  });

  it("calls the oldest waiting ticket of the clerk's lines first", async () => {
    const l1 = await buildService(app, h.admin);
    const l2 = await buildService(app, h.admin);
    const first = await takeTicket(app, l2.code);
    clock.advance(60_000);
    await takeTicket(app, l1.code);
    const res = await callNext(app, h.clerk, "3", [l1.code, l2.code]).expect(200);
    expect(res.body.ticket).to.include({ id: first.id, window: "3", status: "called" });
  });

  it("records a no-show, recalls it, serves it and finishes it on the spot", async () => {
    const line = await buildService(app, h.admin);
    const t = await takeTicket(app, line.code);
    await callNext(app, h.clerk, "5", [line.code]).expect(200);
    const recalled = await step(app, h.clerk, t.id, "recall").expect(200);
    expect(recalled.body.ticket).to.include({ status: "called", window: "5" });
    const missed = await step(app, h.clerk, t.id, "skip").expect(200);
    expect(missed.body.ticket.status).to.equal("missed");
    expect((await step(app, h.clerk, t.id, "start")).body.error.code).to.equal("invalid_transition");
    // The latecomer turns up: called back to the same window, then served.
    expect((await step(app, h.clerk, t.id, "recall").expect(200)).body.ticket.status).to.equal("called");
    clock.advance(2 * 60_000);
    expect((await step(app, h.clerk, t.id, "start").expect(200)).body.ticket.status).to.equal("serving");
    clock.advance(4 * 60_000);
    const done = await step(app, h.clerk, t.id, "finish", { outcome: "done_on_spot" }).expect(200);
    expect(done.body.ticket).to.include({ status: "done", outcome: "done_on_spot", caseId: null });
    expect((await step(app, h.clerk, t.id, "finish", { outcome: "done_on_spot" })).status).to.equal(409);
    const stats = await request(app).get(`/api/service-centre/stats?date=${day}`).set(h.supervisor).expect(200);
    const mine = stats.body.services.find((s: { serviceCode: string }) => s.serviceCode === line.code);
    expect(mine).to.include({ issued: 1, served: 1, missed: 0, avgServiceMinutes: 4, avgWaitMinutes: 0 });
  });

  it("counts a skipped ticket as missed and measures the wait from issue to first call", async () => {
    const line = await buildService(app, h.admin);
    const t = await takeTicket(app, line.code);
    clock.advance(10 * 60_000);
    await callNext(app, h.clerk, "2", [line.code]).expect(200);
    await step(app, h.clerk, t.id, "skip").expect(200);
    const stats = await request(app).get(`/api/service-centre/stats?date=${day}`).set(h.clerk).expect(200);
    expect(stats.body.services.find((s: { serviceCode: string }) => s.serviceCode === line.code)).to.include({ issued: 1, served: 0, missed: 1, avgWaitMinutes: 10, avgServiceMinutes: null });
  });

  it("keeps a ticket at the window that called it: another clerk may not act on it", async () => {
    const line = await buildService(app, h.admin);
    const t = await takeTicket(app, line.code);
    await callNext(app, h.clerk, "4", [line.code]).expect(200);
    const res = await step(app, h.clerk2, t.id, "start").expect(403);
    expect(res.body.error.code).to.equal("forbidden");
  });

  it("validates bodies: unknown line, bad phone, bad window, missing caseId → 400, changing nothing", async () => {
    const line = await buildService(app, h.admin);
    expect((await request(app).post("/api/service-centre/tickets").send({ serviceCode: "no-such-line" })).status).to.equal(400);
    const badPhone = await request(app).post("/api/service-centre/tickets").send({ serviceCode: line.code, phone: "12345" }).expect(400);
    expect(badPhone.body.error.details[0].path).to.equal("phone");
    expect((await callNext(app, h.clerk, "3 OR 1", [line.code])).status).to.equal(400);
    expect((await callNext(app, h.clerk, "3", [])).status).to.equal(400);
    expect((await callNext(app, h.clerk, "3", ["nope"])).status).to.equal(400);
    const t = await takeTicket(app, line.code);
    await callNext(app, h.clerk, "3", [line.code]).expect(200);
    await step(app, h.clerk, t.id, "start").expect(200);
    expect((await step(app, h.clerk, t.id, "finish", { outcome: "case" })).status).to.equal(400);
    expect((await step(app, h.clerk, t.id, "finish", { outcome: "elsewhere" })).status).to.equal(400);
    expect((await step(app, h.clerk, t.id, "finish", { outcome: "case", caseId: "missing" })).body.error.details[0].path).to.equal("caseId");
    expect((await request(app).get(`/api/service-centre/tickets/${t.id}`).set(h.clerk)).body.ticket.status).to.equal("serving");
    expect((await request(app).get("/api/service-centre/stats?date=2025-02-30").set(h.clerk)).status).to.equal(400);
  });

  it("puts the hall's figures in the metrics export: sheet 服务大厅 in XLSX, section=hall in CSV", async () => {
    const line = await buildService(app, h.admin, "导出测试业务");
    await takeTicket(app, line.code);
    await takeTicket(app, line.code);
    const period = { from: day, to: addDays(day, 1) };
    const csv = await request(app).get("/api/metrics/export").query({ ...period, format: "csv", section: "hall" }).set(h.admin).expect(200);
    expect(csv.headers["content-disposition"]).to.equal(`attachment; filename="onewindow-hall-${day}-${addDays(day, 1)}.csv"`);
    const lines = csv.text.replace(/^\uFEFF/, "").trimEnd().split("\r\n");
    expect(lines[0]).to.equal("业务,业务编码,取号量,叫号量,办结量,过号量,取消量,平均等候时长(分钟),平均办理时长(分钟)");
    expect(lines).to.include(`导出测试业务,${line.code},2,0,0,0,0,,`);
    const xlsx = await request(app).get("/api/metrics/export").query({ ...period, format: "xlsx" }).set(h.admin).buffer(true).parse(binary).expect(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.body as unknown as Parameters<typeof workbook.xlsx.load>[0]);
    expect(workbook.worksheets.map((w) => w.name)).to.deep.equal(["指标", "服务大厅"]);
    const sheet = workbook.getWorksheet("服务大厅")!;
    const row = sheet.getColumn(2).values.indexOf(line.code);
    expect(sheet.getRow(row).getCell(3).value).to.equal(2);
  });

  it("lets an admin rename, re-prefix and close a line; a prefix in use elsewhere is a conflict", async () => {
    const a = await buildService(app, h.admin);
    const b = await buildService(app, h.admin);
    const clash = await request(app).put(`/api/service-centre/services/${b.code}`).set(h.admin).send({ name: "x", prefix: a.prefix, active: true }).expect(409);
    expect(clash.body.error.code).to.equal("conflict");
    const closed = await request(app).put(`/api/service-centre/services/${b.code}`).set(h.admin).send({ name: "已关闭", prefix: b.prefix, active: false }).expect(200);
    expect(closed.body.service).to.include({ code: b.code, name: "已关闭", active: false });
    expect((await request(app).post("/api/service-centre/tickets").send({ serviceCode: b.code })).status).to.equal(400);
    expect((await request(app).put(`/api/service-centre/services/${b.code}`).set(h.clerk).send({ name: "x", prefix: "Q", active: true })).status).to.equal(403);
    expect((await request(app).put(`/api/service-centre/services/${b.code}`).send({ name: "x", prefix: "Q", active: true })).status).to.equal(401);
  });
});

function shanghaiDay(iso: string): string {
  return new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 10);
}
