import { expect } from "chai";
import type { Express } from "express";
import { createApp } from "../../server/app.ts";
import { FakeClock } from "../../server/clock.ts";
import type { AppDeps } from "../../server/context.ts";
import { verifyCaseChain } from "../../server/commands/context.ts";
import { findDepartmentByCode } from "../../models/queries/directory.ts";
import { authHeader, buildDepartment, buildEnterprise, buildUser } from "../factories.ts";
import { testDeps } from "../support/testDeps.ts";
import { act, actOk, createCase, readCase, type Header } from "../support/api.ts";

describe("case lifecycle through HTTP", () => {
  let deps: AppDeps;
  let app: Express;
  let clock: FakeClock;
  let operator: Header, clerk: Header, supervisor: Header, lead: Header, co: Header, enterprise: Header;
  let leadDept: string, coDept: string, otherDept: string, enterpriseId: string;

  before(async () => {
    // Fri 2025-09-26 16:30 +08, the worked examples of domain.md.
    clock = new FakeClock(new Date("2025-09-26T08:30:00Z"));
    deps = await testDeps({ clock });
    app = createApp(deps);
    const db = deps.database.db;
    leadDept = (await buildDepartment(db)).id;
    coDept = (await buildDepartment(db)).id;
    otherDept = (await buildDepartment(db)).id;
    const ent = await buildEnterprise(db);
    enterpriseId = ent.id;
    operator = await authHeader(deps.tokens, await buildUser(db, "operator"));
    clerk = await authHeader(deps.tokens, await buildUser(db, "clerk"));
    supervisor = await authHeader(deps.tokens, await buildUser(db, "supervisor"));
    lead = await authHeader(deps.tokens, await buildUser(db, "handler", { departmentId: leadDept }));
    co = await authHeader(deps.tokens, await buildUser(db, "handler", { departmentId: coDept }));
    enterprise = await authHeader(deps.tokens, await buildUser(db, "enterprise", { enterpriseId }));
  });

  it("takes a hotline case through dispatch, sign, return, re-dispatch, extension, reply, callback and close", async () => {
    const kase = await createCase(app, operator);
    expect(kase.status).to.equal("registered");
    expect(kase.channel).to.equal("hotline");
    expect(kase.number).to.match(/^QZ20250926\d{6}$/);

    let r = await actOk(app, operator, kase.id, "dispatch", { departmentId: otherDept, note: "请核查" });
    expect(r.case.status).to.equal("dispatched");
    // 16:30 Fri + 2 working hours → Sun 9/28 (adjusted working day) 09:30 +08.
    expect(r.case.deadlines.signBy).to.equal("2025-09-28T01:30:00.000Z");
    // 5 working days → 2025-10-10 17:30 +08.
    expect(r.case.deadlines.replyBy).to.equal("2025-10-10T09:30:00.000Z");

    const other = await authHeader(deps.tokens, await buildUser(deps.database.db, "handler", { departmentId: otherDept }));
    await actOk(app, other, kase.id, "return", { reason: "not_our_function", note: "属于其他部门职责", suggestedDepartmentId: leadDept });
    r = await actOk(app, operator, kase.id, "decide-return", { approve: true });
    expect(r.case.status).to.equal("registered");
    expect(r.case.departmentId).to.equal(null);
    // The returning department no longer sees the case.
    expect((await readCase(app, other, kase.id)).status).to.equal(404);

    clock.set("2025-09-29T01:00:00Z"); // Mon 09:00 +08
    r = await actOk(app, operator, kase.id, "dispatch", { departmentId: leadDept, coDepartmentIds: [coDept] });
    expect(r.case.coDepartmentIds).to.deep.equal([coDept]);
    expect(r.case.deadlines.signBy).to.equal("2025-09-29T03:00:00.000Z"); // 11:00 +08
    r = await actOk(app, co, kase.id, "sign");
    expect(r.case.status).to.equal("dispatched");
    expect((await act(app, co, kase.id, "reply", { content: "x" })).status).to.equal(403);
    r = await actOk(app, lead, kase.id, "sign");
    expect(r.case.status).to.equal("in_progress");
    expect(r.case.overdue.sign).to.equal(false);
    await actOk(app, co, kase.id, "comment", { content: "协办意见：已现场核查", internal: true });

    r = await actOk(app, lead, kase.id, "request-extension", { days: 3, reason: "需要联合执法" });
    expect(r.case.pendingExtension).to.deep.equal({ days: 3, reason: "需要联合执法" });
    expect((await act(app, lead, kase.id, "request-extension", { days: 1, reason: "again" })).status).to.equal(409);
    const before = r.case.deadlines.replyBy;
    r = await actOk(app, supervisor, kase.id, "decide-extension", { approve: true });
    expect(r.case.pendingExtension).to.equal(null);
    expect(new Date(r.case.deadlines.replyBy!).getTime()).to.be.greaterThan(new Date(before!).getTime());

    r = await actOk(app, lead, kase.id, "reply", { content: "已责令工地22点后停止施工。，经现场核查问题已整改到位，承办人李工。", version: r.case.version });
    expect(r.case.status).to.equal("replied");
    expect(r.case.deadlines.callbackBy).to.be.a("string");
    r = await actOk(app, operator, kase.id, "callback", { reached: true, satisfaction: 4 });
    expect(r.case.status).to.equal("closed");
    expect(r.case.satisfaction).to.equal(4);

    const detail = await readCase(app, supervisor, kase.id);
    const actions = detail.body.timeline.map((e: { action: string }) => e.action);
    expect(actions).to.deep.equal([
      "intake", "dispatch", "return", "decide-return", "dispatch", "sign", "sign", "comment",
      "request-extension", "decide-extension", "reply", "callback",
    ]);
    expect(await verifyCaseChain(deps.database.db, kase.id)).to.equal(null);
  });

  it("takes an online appeal through reply, a bad rating (reopen) and a good rating", async () => {
    const kase = await createCase(app, enterprise, { type: "help", title: "企业开办登记咨询后仍无法办理", categoryCode: "market.license", requester: { name: "刘洋", phone: "13900139000", enterpriseName: "冒充企业", creditCode: null } });
    expect(kase.channel).to.equal("online");
    expect(kase.enterpriseId).to.equal(enterpriseId);
    expect(kase.requester.enterpriseName).to.not.equal("冒充企业");
    await actOk(app, operator, kase.id, "dispatch", { departmentId: leadDept });
    await actOk(app, lead, kase.id, "sign");
    await actOk(app, lead, kase.id, "reply", { content: "已协调窗口办理。，经现场核查问题已整改到位，承办人李工。" });
    let r = await actOk(app, enterprise, kase.id, "rate", { satisfaction: 2, comment: "问题没解决" });
    expect(r.case.status).to.equal("in_progress");
    expect(r.case.reopenCount).to.equal(1);
    await actOk(app, lead, kase.id, "reply", { content: "已现场办结。，经现场核查问题已整改到位，承办人李工。" });
    r = await actOk(app, enterprise, kase.id, "rate", { satisfaction: 5 });
    expect(r.case.status).to.equal("closed");

    const detail = await readCase(app, enterprise, kase.id);
    expect(detail.status).to.equal(200);
    for (const e of detail.body.timeline) expect(e.public).to.equal(true);
    expect(detail.body.timeline.map((e: { action: string }) => e.action)).to.include.members(["intake", "dispatch", "reply", "rate"]);
  });

  it("takes a service-centre request through answer-on-the-spot and reopen", async () => {
    const kase = await createCase(app, clerk, { type: "consultation", title: "社保缴费基数怎么调整", categoryCode: "hrss.social_insurance" });
    expect(kase.channel).to.equal("service_centre");
    let r = await actOk(app, clerk, kase.id, "answer", { answer: "已现场解答：每年7月调整。" });
    expect(r.case.status).to.equal("closed");
    r = await actOk(app, operator, kase.id, "reopen", { reason: "企业再次来电" });
    expect(r.case.status).to.equal("registered");
    r = await actOk(app, operator, kase.id, "dispatch", { departmentId: (await findDepartmentByCode(deps.database.db, "hrss"))!.id });
    expect(r.case.status).to.equal("dispatched");
  });

  it("rejects a wrong-state action with 409 invalid_transition naming the status", async () => {
    const kase = await createCase(app, operator);
    const res = await act(app, supervisor, kase.id, "decide-extension", { approve: true });
    expect(res.status).to.equal(409);
    expect(res.body.error.code).to.equal("invalid_transition");
    expect(res.body.error.details[0]).to.include({ status: "registered" });
  });

  it("rejects a stale version with 409 conflict and changes nothing", async () => {
    const kase = await createCase(app, operator);
    await actOk(app, operator, kase.id, "comment", { content: "first" });
    const res = await act(app, operator, kase.id, "dispatch", { departmentId: leadDept, version: kase.version });
    expect(res.status).to.equal(409);
    expect(res.body.error.code).to.equal("conflict");
    expect((await readCase(app, operator, kase.id)).body.case.status).to.equal("registered");
  });

  it("rejects an invalid action body with 400 and writes nothing", async () => {
    const kase = await createCase(app, operator);
    const res = await act(app, operator, kase.id, "dispatch", { departmentId: "no-such-dept" });
    expect(res.status).to.equal(400);
    const res2 = await act(app, operator, kase.id, "callback", { reached: "maybe" });
    expect(res2.status).to.equal(400);
    expect(res2.body.error.details[0].path).to.equal("reached");
    const detail = await readCase(app, operator, kase.id);
    expect(detail.body.timeline).to.have.length(1);
  });

  it("escalates a case reopened twice to 督办", async () => {
    const kase = await createCase(app, operator);
    await actOk(app, operator, kase.id, "dispatch", { departmentId: leadDept });
    await actOk(app, lead, kase.id, "sign");
    for (let i = 0; i < 2; i++) {
      await actOk(app, lead, kase.id, "reply", { content: `答复 ${i}，经现场核查问题已整改到位，承办人李工。` });
      await actOk(app, operator, kase.id, "reopen", { reason: "不满意" });
    }
    const r = (await readCase(app, operator, kase.id)).body.case;
    expect(r.reopenCount).to.equal(2);
    expect(r.escalation).to.equal(2);
  });

  it("closes a case after three unreached callbacks", async () => {
    const kase = await createCase(app, operator);
    await actOk(app, operator, kase.id, "dispatch", { departmentId: leadDept });
    await actOk(app, lead, kase.id, "sign");
    await actOk(app, lead, kase.id, "reply", { content: "答复，经现场核查问题已整改到位，承办人李工。" });
    let r = await actOk(app, operator, kase.id, "callback", { reached: false });
    expect(r.case.status).to.equal("replied");
    r = await actOk(app, operator, kase.id, "callback", { reached: false });
    r = await actOk(app, operator, kase.id, "callback", { reached: false });
    expect(r.case.status).to.equal("closed");
    expect(r.event.data.notReachable).to.equal(true);
  });

  it("merges a duplicate into an open case; the survivor lists the merged requester", async () => {
    const a = await createCase(app, operator, { requester: { name: "李四", phone: "13700137000" } });
    const b = await createCase(app, operator, { requester: { name: "王五", phone: "13700137000" } });
    const dupes = await (await import("supertest")).default(app).get(`/api/cases/${b.id}/duplicates`).set(operator).expect(200);
    const found = dupes.body.find((d: { case: { id: string } }) => d.case.id === a.id);
    expect(found.reasons).to.include("same_phone");
    expect(found.reasons).to.include("similar_text");
    const r = await actOk(app, operator, b.id, "merge", { intoCaseId: a.id });
    expect(r.case.status).to.equal("merged");
    expect(r.case.mergedIntoId).to.equal(a.id);
    const survivor = await readCase(app, operator, a.id);
    expect(survivor.body.mergedCases.map((m: { requester: { name: string } }) => m.requester.name)).to.deep.equal(["王五"]);
    expect((await act(app, operator, a.id, "merge", { intoCaseId: b.id })).status).to.equal(409);
  });

  it("urges, supervises and lists; cancels a registered case", async () => {
    const kase = await createCase(app, operator);
    let r = await actOk(app, supervisor, kase.id, "supervise", { note: "请加快" });
    expect(r.case.escalation).to.equal(2);
    r = await actOk(app, supervisor, kase.id, "urge", { note: "再催" });
    expect(r.case.escalation).to.equal(2);
    r = await actOk(app, supervisor, kase.id, "list", { note: "挂牌" });
    expect(r.case.escalation).to.equal(3);
    r = await actOk(app, supervisor, kase.id, "cancel", { reason: "测试数据" });
    expect(r.case.status).to.equal("cancelled");
    expect((await act(app, supervisor, kase.id, "urge", { note: "x" })).status).to.equal(409);
  });
});
