import { expect } from "chai";
import type { Express } from "express";
import request from "supertest";
import { createApp } from "../../server/app.ts";
import { FakeClock } from "../../server/clock.ts";
import type { AppDeps } from "../../server/context.ts";
import { authHeader, buildDepartment, buildEnterprise, buildUser } from "../factories.ts";
import { testDeps } from "../support/testDeps.ts";
import { act, actOk, createCase, readCase, type Header } from "../support/api.ts";

/** Issue #15: what the hotline's workspaces need from the API. */
describe("workspaces a busy hotline would choose", () => {
  let deps: AppDeps;
  let app: Express;
  let operator: Header, supervisor: Header, handler: Header, enterprise: Header;
  let dept: string, enterpriseId: string;

  before(async () => {
    deps = await testDeps({ clock: new FakeClock(new Date("2025-09-29T01:00:00Z")) });
    app = createApp(deps);
    const db = deps.database.db;
    dept = (await buildDepartment(db)).id;
    enterpriseId = (await buildEnterprise(db)).id;
    operator = await authHeader(deps.tokens, await buildUser(db, "operator"));
    supervisor = await authHeader(deps.tokens, await buildUser(db, "supervisor"));
    handler = await authHeader(deps.tokens, await buildUser(db, "handler", { departmentId: dept }));
    enterprise = await authHeader(deps.tokens, await buildUser(db, "enterprise", { enterpriseId }));
  });

  /** Registers, dispatches, signs and replies to a case; returns its id. */
  async function repliedCase(overrides: Record<string, unknown> = {}, as: Header = operator): Promise<string> {
    const kase = await createCase(app, as, overrides);
    await actOk(app, operator, kase.id, "dispatch", { departmentId: dept });
    await actOk(app, handler, kase.id, "sign");
    await actOk(app, handler, kase.id, "reply", { content: "已处理完毕：经现场核查，企业反映的问题已整改到位，承办人李工，联系电话 0570-3021888。" });
    return kase.id;
  }

  describe("callback attempts", () => {
    it("counts the callbacks that did not reach the requester, for staff only", async () => {
      const id = await repliedCase({}, enterprise);
      expect((await readCase(app, operator, id)).body.case.callbackAttempts).to.equal(0);
      let r = await actOk(app, operator, id, "callback", { reached: false });
      expect(r.case.callbackAttempts).to.equal(1);
      expect(r.case.status).to.equal("replied");
      r = await actOk(app, operator, id, "callback", { reached: false });
      expect(r.case.callbackAttempts).to.equal(2);
      expect((await readCase(app, supervisor, id)).body.case.callbackAttempts).to.equal(2);
      expect((await readCase(app, handler, id)).body.case.callbackAttempts).to.equal(2);
      expect((await readCase(app, enterprise, id)).body.case.callbackAttempts).to.equal(0);
      r = await actOk(app, operator, id, "callback", { reached: false });
      expect(r.case.callbackAttempts).to.equal(3);
      expect(r.case.status).to.equal("closed");
      expect(r.event.data.notReachable).to.equal(true);
    });

    it("lists the replied queue with the requester's phone and name unmasked for the operator", async () => {
      const id = await repliedCase({ requester: { name: "李四", phone: "13857012399", confidential: true } });
      const res = await request(app).get("/api/cases?status=replied&sort=deadline").set(operator);
      const row = (res.body.items as { id: string; requester: { name: string; phone: string }; callbackAttempts: number }[]).find((c) => c.id === id);
      expect(row?.requester).to.include({ name: "李四", phone: "13857012399" });
      expect(row?.callbackAttempts).to.equal(0);
    });
  });
  describe("phone search in q", () => {
    const ids = (res: request.Response) => (res.body.items as { id: string }[]).map((c) => c.id);
    let mobile: string, landline: string, secret: string, otherText: string;
    // Numbers of this run only: a PostgreSQL test database keeps earlier runs' cases.
    const n = String(Date.now()).slice(-6);
    const [MOBILE, LANDLINE, SECRET] = [`13857${n}`, `0570-3${n}`, `13858${n}`];

    before(async () => {
      mobile = await repliedCase({ requester: { name: "王五", phone: MOBILE } });
      landline = await repliedCase({ requester: { name: "赵六", phone: LANDLINE } });
      secret = await repliedCase({ requester: { name: "钱七", phone: SECRET, confidential: true } });
      otherText = (await createCase(app, operator, { title: `${MOBILE} 路灯不亮`, requester: { phone: "13900000001" } })).id;
    });

    const search = (as: Header, q: string) => request(app).get("/api/cases").query({ q }).set(as);

    for (const role of ["operator", "supervisor"] as const) {
      it(`finds a mobile and a landline caller for the ${role}`, async () => {
        const as = role === "operator" ? operator : supervisor;
        const byMobile = await search(as, MOBILE);
        expect(byMobile.status).to.equal(200);
        expect(ids(byMobile)).to.deep.equal([mobile]);
        expect(ids(await search(as, ` ${MOBILE.slice(0, 3)} ${MOBILE.slice(3, 7)} ${MOBILE.slice(7)} `))).to.deep.equal([mobile]);
        expect(ids(await search(as, LANDLINE))).to.deep.equal([landline]);
        expect(ids(await search(as, SECRET))).to.deep.equal([secret]);
      });
    }

    it("never finds a confidential requester by phone for a handler", async () => {
      expect(ids(await search(handler, MOBILE))).to.deep.equal([mobile]);
      expect(ids(await search(handler, SECRET))).to.deep.equal([]);
    });

    it("keeps text search for anything else", async () => {
      expect(ids(await search(operator, "路灯不亮"))).to.include(otherText);
    });
  });
  describe("category corrected at dispatch", () => {
    it("keeps the corrected category and runs the clocks on its limits", async () => {
      const asRegistered = (await createCase(app, operator, { categoryCode: "hrss.wages" })).id;
      const reference = await actOk(app, operator, asRegistered, "dispatch", { departmentId: dept });
      const noise = await createCase(app, operator, { categoryCode: "env.noise" });
      const uncorrected = await actOk(app, operator, (await createCase(app, operator, { categoryCode: "env.noise" })).id, "dispatch", { departmentId: dept });

      const r = await actOk(app, operator, noise.id, "dispatch", { departmentId: dept, categoryCode: "hrss.wages" });
      expect(r.case.categoryCode).to.equal("hrss.wages");
      expect(r.event.data).to.include({ categoryCode: "hrss.wages", previousCategoryCode: "env.noise" });
      // 欠薪维权 has 3 working days to reply, 噪声污染 5: the corrected category's limits are the ones used.
      expect(r.case.deadlines.replyBy).to.equal(reference.case.deadlines.replyBy);
      expect(r.case.deadlines.replyBy).to.not.equal(uncorrected.case.deadlines.replyBy);
      expect((await readCase(app, handler, noise.id)).body.case.categoryCode).to.equal("hrss.wages");
    });

    it("refuses an unknown category with 400, changing nothing", async () => {
      const kase = await createCase(app, operator, { categoryCode: "env.noise" });
      const res = await act(app, operator, kase.id, "dispatch", { departmentId: dept, categoryCode: "no.such" });
      expect(res.status).to.equal(400);
      expect(res.body.error.code).to.equal("validation_failed");
      expect(res.body.error.details[0].path).to.equal("categoryCode");
      const after = (await readCase(app, operator, kase.id)).body.case;
      expect(after).to.include({ status: "registered", categoryCode: "env.noise", version: kase.version });
    });
  });
});
