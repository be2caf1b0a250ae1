import { expect } from "chai";
import ExcelJS from "exceljs";
import type { Express } from "express";
import request from "supertest";
import { createApp } from "../../server/app.ts";
import { FakeClock } from "../../server/clock.ts";
import type { AppDeps } from "../../server/context.ts";
import { shanghaiTime } from "../../server/rules/workCalendar.ts";
import { authHeader, buildDepartment, buildEnterprise, buildUser } from "../factories.ts";
import { actOk, binary, createCase, type Header } from "../support/api.ts";
import { addDays, DAY_MS, randomMonday } from "../support/dates.ts";
import { testDeps } from "../support/testDeps.ts";

type Dept = { id: string; code: string; name: string };

describe("metrics", () => {
  const M = randomMonday();
  const at = (day: number, hh: number, mm = 0) => shanghaiTime(addDays(M, day), hh, mm);
  const period = { from: M, to: addDays(M, 14) };
  let deps: AppDeps;
  let app: Express;
  let clock: FakeClock;
  let admin: Header, supervisor: Header, supervisorA: Header, operator: Header, clerk: Header, handlerA: Header, handlerB: Header, enterprise: Header;
  let deptA: Dept, deptB: Dept, deptC: Dept;

  const metrics = (header: Header, query: Record<string, string>) => request(app).get("/api/metrics").query(query).set(header);
  const row = (body: { departments: { departmentId: string }[] }, id: string) => body.departments.find((d) => d.departmentId === id);

  before(async () => {
    clock = new FakeClock(at(0, 9));
    deps = await testDeps({ clock });
    app = createApp(deps);
    const db = deps.database.db;
    deptA = await buildDepartment(db, { name: "指标测试甲局" });
    deptB = await buildDepartment(db, { name: "指标测试乙局, 含逗号" });
    deptC = await buildDepartment(db);
    const h = async (role: Parameters<typeof buildUser>[1], o = {}) => authHeader(deps.tokens, await buildUser(db, role, o));
    admin = await h("admin");
    supervisor = await h("supervisor");
    supervisorA = await h("supervisor", { departmentId: deptA.id });
    operator = await h("operator");
    clerk = await h("clerk");
    handlerA = await h("handler", { departmentId: deptA.id });
    handlerB = await h("handler", { departmentId: deptB.id });
    enterprise = await h("enterprise", { enterpriseId: (await buildEnterprise(db)).id });

    // Monday 09:00: cases 1 (hotline) and 2 (online) to A; sign deadline 11:00, reply deadline next Monday 17:30.
    const c1 = await createCase(app, operator);
    const c2 = await createCase(app, enterprise, { type: "help" });
    await actOk(app, operator, c1.id, "dispatch", { departmentId: deptA.id });
    await actOk(app, operator, c2.id, "dispatch", { departmentId: deptA.id });
    clock.set(at(0, 9, 30));
    await actOk(app, handlerA, c1.id, "sign"); // 30 min, on time
    clock.set(at(0, 10));
    const c3 = await createCase(app, operator, { title: "退单测试" });
    await actOk(app, operator, c3.id, "dispatch", { departmentId: deptB.id });
    clock.set(at(0, 10, 30));
    await actOk(app, handlerB, c3.id, "return", { reason: "not_our_function", note: "非本单位职责" });
    clock.set(at(0, 10, 40));
    await actOk(app, operator, c3.id, "decide-return", { approve: true }); // stays registered
    clock.set(at(0, 11, 30));
    await actOk(app, handlerA, c2.id, "sign"); // 150 min, late
    clock.set(at(0, 14));
    const c5 = await createCase(app, operator, { title: "无人签收" });
    await actOk(app, operator, c5.id, "dispatch", { departmentId: deptB.id }); // never signed nor replied

    // Tuesday: case 4 merged into case 2 (a repeat for A); case 6 to A, signed in 10 min, replied in 6 h, callback not reached.
    clock.set(at(1, 9));
    const c6 = await createCase(app, operator, { title: "按时办理" });
    await actOk(app, operator, c6.id, "dispatch", { departmentId: deptA.id });
    clock.set(at(1, 9, 10));
    await actOk(app, handlerA, c6.id, "sign");
    clock.set(at(1, 9, 50));
    const c4 = await createCase(app, operator, { title: "重复来电" });
    clock.set(at(1, 10));
    await actOk(app, operator, c4.id, "merge", { intoCaseId: c2.id });
    clock.set(at(1, 15));
    await actOk(app, handlerA, c6.id, "reply", { content: "已处理。，经现场核查问题已整改到位，承办人李工。" }); // reply deadline: next Tuesday 17:30
    clock.set(at(1, 16));
    await actOk(app, operator, c6.id, "callback", { reached: false });

    // Wednesday: case 1 replied after 49 h, callback satisfied (4).
    clock.set(at(2, 10));
    await actOk(app, handlerA, c1.id, "reply", { content: "已责令停止夜间施工。，经现场核查问题已整改到位，承办人李工。" });
    clock.set(at(2, 11));
    await actOk(app, operator, c1.id, "callback", { reached: true, satisfaction: 4 });

    // Thursday: case 7 answered at intake, then rated 5 by the enterprise (no department: totals only).
    clock.set(at(3, 9));
    const c7 = await createCase(app, enterprise, { type: "consultation", title: "政策咨询" });
    await actOk(app, operator, c7.id, "answer", { answer: "已解答。" });
    await actOk(app, enterprise, c7.id, "rate", { satisfaction: 5 });

    // The next Tuesday 09:00: case 2 replied late (192 h), rated 2 ⇒ reopened, due Friday 17:30, overdue by Saturday.
    clock.set(at(8, 9));
    await actOk(app, handlerA, c2.id, "reply", { content: "已协调。，经现场核查问题已整改到位，承办人李工。" });
    clock.set(at(8, 10));
    await actOk(app, enterprise, c2.id, "rate", { satisfaction: 2 });
    clock.set(at(12, 10));
  });

  const figuresA = {
    received: 3, signed: 3, signedOnTimeRate: 0.6667, replied: 3, repliedOnTimeRate: 0.6667, callbackRate: 0.6667,
    satisfactionRate: 0.5, reopenRate: 0.3333, avgSignMinutes: 63.33, avgReplyHours: 82.33, overdueOpen: 1,
    badReviewRate: 0.5, returnRate: 0, repeatRate: 0.3333,
  };
  const figuresB = {
    received: 2, signed: 0, signedOnTimeRate: 0, replied: 0, repliedOnTimeRate: 0, callbackRate: null,
    satisfactionRate: null, reopenRate: null, avgSignMinutes: null, avgReplyHours: null, overdueOpen: 1,
    badReviewRate: null, returnRate: 0.5, repeatRate: 0,
  };

  it("computes every figure per department and recomputes the city-wide totals", async () => {
    const res = await metrics(supervisor, period).expect(200);
    expect(res.body.from).to.equal(at(0, 0).toISOString());
    expect(res.body.to).to.equal(at(14, 0).toISOString());
    expect(row(res.body, deptA.id)).to.deep.equal({ departmentId: deptA.id, code: deptA.code, name: deptA.name, ...figuresA });
    expect(row(res.body, deptB.id)).to.deep.equal({ departmentId: deptB.id, code: deptB.code, name: deptB.name, ...figuresB });
    // overdueOpen is as of now (a far-future now here), so other tests' open cases add to it and list their departments.
    const { overdueOpen, ...totals } = res.body.totals;
    expect(totals).to.deep.equal({
      received: 7, signed: 3, signedOnTimeRate: 0.5, replied: 3, repliedOnTimeRate: 0.5, callbackRate: 0.6667,
      satisfactionRate: 0.6667, reopenRate: 0.3333, avgSignMinutes: 63.33, avgReplyHours: 82.33,
      badReviewRate: 0.3333, returnRate: 0.2, repeatRate: 0.1429,
    });
    const others = res.body.departments.filter((d: { departmentId: string }) => d.departmentId !== deptA.id && d.departmentId !== deptB.id);
    for (const d of others) expect(d).to.deep.include({ received: 0, signed: 0, replied: 0, returnRate: null }).and.have.property("overdueOpen").above(0);
    expect(overdueOpen).to.equal(res.body.departments.reduce((n: number, d: { overdueOpen: number }) => n + d.overdueOpen, 0));
  });

  it("counts each event in its own period", async () => {
    const res = await metrics(admin, { from: addDays(M, 8), to: `${addDays(M, 14)}T00:00:00+08:00` }).expect(200);
    expect(row(res.body, deptA.id)).to.deep.include({
      received: 0, signed: 0, signedOnTimeRate: null, replied: 1, repliedOnTimeRate: 0.5, callbackRate: 0, satisfactionRate: 0,
      reopenRate: 1, avgSignMinutes: null, avgReplyHours: 192, overdueOpen: 1, badReviewRate: 1, returnRate: null, repeatRate: null,
    });
    expect(row(res.body, deptB.id)).to.deep.include({ received: 0, replied: 0, overdueOpen: 1, returnRate: null });
    const early = await metrics(admin, { from: `${M}T01:30:00Z`, to: `${M}T02:00:00Z` }).expect(200); // 09:30–10:00 +08
    expect(row(early.body, deptA.id)).to.deep.include({ received: 0, signed: 1, avgSignMinutes: 30 });
    expect(early.body.totals.received).to.equal(0);
  });

  it("scopes to one department: its figures are the totals, even when empty", async () => {
    const res = await metrics(admin, { ...period, departmentId: deptB.id }).expect(200);
    expect(res.body.departments).to.have.length(1);
    expect(res.body.totals).to.deep.equal(figuresB);
    const empty = await metrics(admin, { ...period, departmentId: deptC.id }).expect(200);
    const nothing = { ...figuresB, received: 0, signedOnTimeRate: null, repliedOnTimeRate: null, overdueOpen: 0, returnRate: null, repeatRate: null };
    expect(empty.body.departments).to.deep.equal([{ departmentId: deptC.id, code: deptC.code, name: deptC.name, ...nothing }]);
    expect(empty.body.totals).to.deep.equal(nothing);
  });

  it("shows a department supervisor their own department only", async () => {
    const own = await metrics(supervisorA, period).expect(200);
    expect(own.body.departments.map((d: { departmentId: string }) => d.departmentId)).to.deep.equal([deptA.id]);
    expect(own.body.totals).to.deep.equal(figuresA);
    await metrics(supervisorA, { ...period, departmentId: deptA.id }).expect(200);
    const other = await metrics(supervisorA, { ...period, departmentId: deptB.id }).expect(403);
    expect(other.body.error.code).to.equal("forbidden");
    await request(app).get("/api/metrics/export").query({ ...period, departmentId: deptB.id }).set(supervisorA).expect(403);
  });

  it("refuses other roles with 403 and anonymous callers with 401", async () => {
    for (const header of [handlerA, operator, enterprise, clerk]) {
      expect((await metrics(header, period)).status).to.equal(403);
      expect((await request(app).get("/api/metrics/export").query(period).set(header)).status).to.equal(403);
    }
    expect((await request(app).get("/api/metrics")).status).to.equal(401);
  });

  it("rejects bad periods with 400 and defaults to the current month in Asia/Shanghai", async () => {
    const bad: Record<string, string>[] = [
      { from: "2025-13-01", to: "2026-01-01" },
      { from: "2025-02-30", to: "2025-03-01" },
      { from: "yesterday", to: "2025-03-01" },
      { from: "2025-03-01", to: "2025-03-01" },
      { from: "2025-03-02", to: "2025-03-01" },
      { from: "2025-01-01", to: "2026-01-03" },
      { from: "2025-01-01" },
      { ...period, departmentId: "no-such-department" },
    ];
    for (const query of bad) {
      const res = await metrics(admin, query);
      expect(res.status, JSON.stringify(query)).to.equal(400);
      expect(res.body.error.code).to.equal("validation_failed");
    }
    expect((await request(app).get("/api/metrics/export").query({ ...period, format: "pdf" }).set(admin)).status).to.equal(400);
    await metrics(admin, { from: "2024-01-01", to: "2025-01-01" }).expect(200); // 366 days (leap year)
    const month = addDays(M, 12).slice(0, 7);
    const res = await metrics(admin, {}).expect(200);
    expect(res.body.from).to.equal(new Date(`${month}-01T00:00:00+08:00`).toISOString());
    expect(new Date(res.body.to).getTime()).to.be.greaterThan(new Date(res.body.from).getTime() + 27 * DAY_MS);
  });

  it("exports CSV with a BOM, Chinese headers and a row per department plus totals", async () => {
    const res = await request(app).get("/api/metrics/export").query(period).set(admin).buffer(true).parse(binary).expect(200);
    expect(res.headers["content-type"]).to.match(/^text\/csv; charset=utf-8/);
    expect(res.headers["content-disposition"]).to.equal(`attachment; filename="onewindow-metrics-${M}-${addDays(M, 14)}.csv"`);
    const body = res.body as Buffer;
    expect([...body.subarray(0, 3)]).to.deep.equal([0xef, 0xbb, 0xbf]);
    const lines = body.toString("utf8").slice(1).trimEnd().split("\r\n");
    expect(lines[0]).to.match(/^部门,部门编码,受理量,签收量,签收及时率,答复量,按时办结率,回访率,满意率,差评率,重办率,退单率,重复诉求率,/);
    expect(lines).to.include(`${deptA.name},${deptA.code},3,3,66.67%,3,66.67%,66.67%,50.00%,50.00%,33.33%,0.00%,33.33%,63.33,82.33,1`);
    expect(lines).to.include(`"${deptB.name}",${deptB.code},2,0,0.00%,0,0.00%,,,,,50.00%,0.00%,,,1`);
    expect(lines[lines.length - 1]).to.match(/^合计,,7,3,50\.00%,3,50\.00%,66\.67%,66\.67%,33\.33%,33\.33%,20\.00%,14\.29%,63\.33,82\.33,\d+$/);
  });

  it("exports XLSX that reads back with numeric cells", async () => {
    const res = await request(app).get("/api/metrics/export").query({ ...period, format: "xlsx" }).set(supervisorA).buffer(true).parse(binary).expect(200);
    expect(res.headers["content-type"]).to.include("spreadsheetml.sheet");
    expect(res.headers["content-disposition"]).to.equal(`attachment; filename="onewindow-metrics-${M}-${addDays(M, 14)}.xlsx"`);
    const workbook = new ExcelJS.Workbook();
    const body = res.body as Buffer;
    // exceljs types its Buffer as an ArrayBuffer; at run time it takes Node's Buffer.
    await workbook.xlsx.load(body as unknown as Parameters<typeof workbook.xlsx.load>[0]);
    const sheet = workbook.getWorksheet("指标")!;
    expect(sheet.getCell("A1").value).to.equal("部门");
    expect(sheet.getCell("E1").value).to.equal("签收及时率");
    expect(sheet.getCell("A2").value).to.equal(deptA.name);
    expect(sheet.getCell("C2").value).to.equal(3);
    expect(sheet.getCell("E2").value).to.equal(0.6667);
    expect(sheet.getCell("E2").numFmt).to.equal("0.00%");
    expect(sheet.getCell("A3").value).to.equal("合计");
  });
});
