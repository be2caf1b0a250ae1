import { expect } from "chai";
import type { Express } from "express";
import request from "supertest";
import { createApp } from "../../server/app.ts";
import { FakeClock } from "../../server/clock.ts";
import type { AppDeps } from "../../server/context.ts";
import { ANONYMOUS_FEEDBACK_LIMIT } from "../../routes/knowledge/knowledge.ts";
import { stripPhoneNumbers } from "../../server/rules/knowledgeText.ts";
import { authHeader, buildDepartment, buildUser } from "../factories.ts";
import { actOk, createCase, type Header } from "../support/api.ts";
import { publishedArticle } from "../support/knowledge.ts";
import { testDeps } from "../support/testDeps.ts";

describe("knowledge base: feedback, gaps and figures", () => {
  let deps: AppDeps;
  let app: Express;
  let clock: FakeClock;
  let dept: string;
  let handler: Header, supervisor: Header, deptSupervisor: Header, otherSupervisor: Header, operator: Header, enterprise: Header, enterprise2: Header;

  before(async function () {
    this.timeout(120_000);
    // A month no other suite uses: Wed 2023-02-15 10:00 +08.
    clock = new FakeClock(new Date("2023-02-15T02:00:00Z"));
    deps = await testDeps({ clock });
    app = createApp(deps);
    const db = deps.database.db;
    dept = (await buildDepartment(db)).id;
    handler = await authHeader(deps.tokens, await buildUser(db, "handler", { departmentId: dept }));
    supervisor = await authHeader(deps.tokens, await buildUser(db, "supervisor"));
    deptSupervisor = await authHeader(deps.tokens, await buildUser(db, "supervisor", { departmentId: dept }));
    otherSupervisor = await authHeader(deps.tokens, await buildUser(db, "supervisor", { departmentId: (await buildDepartment(db)).id }));
    operator = await authHeader(deps.tokens, await buildUser(db, "operator"));
    enterprise = await authHeader(deps.tokens, await buildUser(db, "enterprise"));
    enterprise2 = await authHeader(deps.tokens, await buildUser(db, "enterprise"));
  });

  const feedback = (who: Header | null, id: string, helpful: unknown) => {
    const r = request(app).post(`/api/knowledge/${id}/feedback`);
    return (who ? r.set(who) : r).send({ helpful });
  };

  it("takes 有用/没用 from enterprises and the public, one answer per enterprise user, never from staff", async () => {
    const a = await publishedArticle(app, handler, supervisor, { title: "反馈测试条目" });
    const internal = await publishedArticle(app, handler, supervisor, { title: "反馈内部条目", public: false });
    await feedback(enterprise, a.id, false).expect(204);
    await feedback(enterprise, a.id, true).expect(204); // changes its mind: counted once, as helpful
    await feedback(enterprise2, a.id, true).expect(204);
    await feedback(null, a.id, false).expect(204);
    await feedback(operator, a.id, true).expect(403);
    await feedback(enterprise, internal.id, true).expect(404);
    await feedback(enterprise, a.id, "yes").expect(400);
    await feedback(null, "no-such-id", true).expect(404);

    const stats = await request(app).get(`/api/knowledge/stats?departmentId=${dept}`).set(supervisor).expect(200);
    const row = stats.body.articles.find((x: { id: string }) => x.id === a.id);
    expect(row).to.include({ helpful: 2, unhelpful: 1, citations: 0 });
    expect(row.helpfulRate).to.be.closeTo(2 / 3, 0.001);
  });

  it("rate-limits anonymous feedback by address", async function () {
    this.timeout(60_000);
    const limited = createApp(deps); // a fresh limiter
    const a = await publishedArticle(app, handler, supervisor, { title: "限流测试条目" });
    for (let i = 0; i < ANONYMOUS_FEEDBACK_LIMIT.limit; i++) await request(limited).post(`/api/knowledge/${a.id}/feedback`).send({ helpful: true }).expect(204);
    const refused = await request(limited).post(`/api/knowledge/${a.id}/feedback`).send({ helpful: true }).expect(429);
    expect(refused.body.error.code).to.equal("rate_limited");
    // Signed-in enterprises are not limited by the address.
    await request(limited).post(`/api/knowledge/${a.id}/feedback`).set(enterprise).send({ helpful: true }).expect(204);
  });

  it("counts 直接办结率 per month and the citations of each article", async () => {
    const a = await publishedArticle(app, handler, supervisor, { title: "办结率测试条目" });
    const consult = () => createCase(app, operator, { type: "consultation", categoryCode: null });
    await actOk(app, operator, (await consult()).id, "answer", { answer: "按条目答复", articleId: a.id });
    await actOk(app, operator, (await consult()).id, "answer", { answer: "口头答复" });
    await actOk(app, operator, (await consult()).id, "dispatch", { departmentId: dept });
    await createCase(app, operator, { type: "complaint" }); // not a consultation: not in the rate

    const res = await request(app).get("/api/knowledge/stats?from=2023-02-01&to=2023-03-01").set(supervisor).expect(200);
    expect(res.body.directAnswer).to.deep.include({ consultations: 3, answered: 2, withArticle: 1 });
    expect(res.body.directAnswer.rate).to.be.closeTo(2 / 3, 0.0001);
    expect(res.body.directAnswer.months).to.deep.equal([{ month: "2023-02", consultations: 3, answered: 2, withArticle: 1, rate: 0.6667 }]);
    expect(res.body.articles.find((x: { id: string }) => x.id === a.id)).to.include({ citations: 1 });
  });

  it("lists articles nearing expiry, a department supervisor only their own", async () => {
    const soon = await publishedArticle(app, handler, supervisor, { title: "即将到期条目", effectiveTo: "2023-02-25" });
    const later = await publishedArticle(app, handler, supervisor, { title: "远期条目", effectiveTo: "2024-12-31" });
    const mine = await request(app).get("/api/knowledge/stats?expiringWithinDays=30").set(deptSupervisor).expect(200);
    const ids = mine.body.expiring.map((e: { id: string }) => e.id);
    expect(ids).to.include(soon.id).and.not.to.include(later.id);
    expect(mine.body.expiring.find((e: { id: string }) => e.id === soon.id)).to.include({ effectiveTo: "2023-02-25", expired: false });
    const theirs = await request(app).get("/api/knowledge/stats").set(otherSupervisor).expect(200);
    expect(theirs.body.expiring.map((e: { id: string }) => e.id)).not.to.include(soon.id);
    await request(app).get(`/api/knowledge/stats?departmentId=${dept}`).set(otherSupervisor).expect(403);
  });

  it("keeps the questions that found no article, without phone numbers, one row per question typed in pauses", async () => {
    clock.set("2023-02-16T02:00:00Z");
    for (const text of ["火星殖民飞船", "火星殖民飞船票价", "火星殖民飞船票价，我电话13912345678"]) {
      const res = await request(app).post("/api/knowledge/suggest").set(operator).send({ text }).expect(200);
      expect(res.body).to.deep.equal([]);
    }
    await request(app).get(`/api/knowledge?q=${encodeURIComponent("冥王星采矿许可 0570-8012345")}`).expect(200);
    const res = await request(app).get("/api/knowledge/stats?from=2023-02-16&to=2023-02-17").set(supervisor).expect(200);
    const texts = res.body.gaps.map((g: { text: string }) => g.text);
    expect(texts).to.include("火星殖民飞船票价，我电话[号码]");
    expect(texts).to.include("冥王星采矿许可 [号码]");
    expect(texts.filter((t: string) => t.startsWith("火星"))).to.have.length(1);
    expect(JSON.stringify(res.body.gaps)).not.to.match(/\d{7}/);
  });

  it("strips mobile, landline and long digit runs but keeps short numbers", () => {
    expect(stripPhoneNumbers("手机 138 0013 8000 座机(0570)8012345 工号 12 年 2025")).to.equal("手机 [号码] 座机(0570)[号码] 工号 12 年 2025");
    expect(stripPhoneNumbers("+86-13800138000")).to.equal("[号码]");
  });

  it("answers the figures to supervisors and admins only", async () => {
    await request(app).get("/api/knowledge/stats").expect(401);
    await request(app).get("/api/knowledge/stats").set(operator).expect(403);
    await request(app).get("/api/knowledge/stats").set(handler).expect(403);
    await request(app).get("/api/knowledge/stats?from=2023-03-01&to=2023-02-01").set(supervisor).expect(400);
  });
});
