import { expect } from "chai";
import type { Express } from "express";
import request from "supertest";
import { createApp } from "../../server/app.ts";
import { FakeClock } from "../../server/clock.ts";
import type { AppDeps } from "../../server/context.ts";
import { authHeader, buildDepartment, buildUser, unique } from "../factories.ts";
import { testDeps } from "../support/testDeps.ts";
import { act, actOk, createCase, readCase, type Header } from "../support/api.ts";
import { draftArticle, publishedArticle } from "../support/knowledge.ts";

describe("knowledge base: authoring, versions, visibility and citing", () => {
  let deps: AppDeps;
  let app: Express;
  let dept: string;
  let handler: Header, otherHandler: Header, supervisor: Header, deptSupervisor: Header, otherSupervisor: Header, admin: Header;
  let operator: Header, clerk: Header, enterprise: Header;
  const none = {} as Header; // no credentials: the public

  before(async function () {
    this.timeout(120_000); // the first suite of a run also migrates and seeds the shared database
    // Mon 2026-11-30 10:00 +08.
    deps = await testDeps({ clock: new FakeClock(new Date("2026-11-30T02:00:00Z")) });
    app = createApp(deps);
    const db = deps.database.db;
    dept = (await buildDepartment(db)).id;
    const otherDept = (await buildDepartment(db)).id;
    handler = await authHeader(deps.tokens, await buildUser(db, "handler", { departmentId: dept }));
    otherHandler = await authHeader(deps.tokens, await buildUser(db, "handler", { departmentId: otherDept }));
    supervisor = await authHeader(deps.tokens, await buildUser(db, "supervisor"));
    deptSupervisor = await authHeader(deps.tokens, await buildUser(db, "supervisor", { departmentId: dept }));
    otherSupervisor = await authHeader(deps.tokens, await buildUser(db, "supervisor", { departmentId: otherDept }));
    admin = await authHeader(deps.tokens, await buildUser(db, "admin"));
    operator = await authHeader(deps.tokens, await buildUser(db, "operator"));
    clerk = await authHeader(deps.tokens, await buildUser(db, "clerk"));
    enterprise = await authHeader(deps.tokens, await buildUser(db, "enterprise"));
  });

  const get = (who: Header, id: string, version?: number) => request(app).get(`/api/knowledge/${id}${version ? `?version=${version}` : ""}`).set(who);

  it("makes every published change a new version and keeps the earlier ones readable", async () => {
    const draft = await draftArticle(app, handler, { title: "版本测试原标题" });
    expect(draft).to.include({ status: "draft", version: 1, departmentId: dept });
    // Drafts change in place.
    const edited = await request(app).patch(`/api/knowledge/${draft.id}`).set(handler).send({ body: "草稿修改" }).expect(200);
    expect(edited.body.article).to.include({ version: 1, body: "草稿修改", status: "draft" });
    // Handlers may not publish; another department's supervisor may not either.
    await request(app).post(`/api/knowledge/${draft.id}/publish`).set(handler).expect(403);
    await request(app).post(`/api/knowledge/${draft.id}/publish`).set(otherSupervisor).expect(404);
    const published = await request(app).post(`/api/knowledge/${draft.id}/publish`).set(deptSupervisor).expect(200);
    expect(published.body.article).to.include({ status: "published", version: 1 });
    await request(app).post(`/api/knowledge/${draft.id}/publish`).set(supervisor).expect(409);
    // A published article changes only through supervisors and admins, each change a version.
    await request(app).patch(`/api/knowledge/${draft.id}`).set(handler).send({ title: "x" }).expect(403);
    const v2 = await request(app).patch(`/api/knowledge/${draft.id}`).set(supervisor).send({ title: "版本测试第二版", version: 1 }).expect(200);
    expect(v2.body.article).to.include({ version: 2, title: "版本测试第二版", status: "published" });
    await request(app).patch(`/api/knowledge/${draft.id}`).set(admin).send({ title: "stale", version: 1 }).expect(409);

    const current = await get(enterprise, draft.id).expect(200);
    expect(current.body.article).to.include({ version: 2, title: "版本测试第二版" });
    expect(current.body.versions.map((v: { version: number }) => v.version)).to.deep.equal([2, 1]);
    const first = await get(enterprise, draft.id, 1).expect(200);
    expect(first.body.article).to.include({ version: 1, title: "版本测试原标题", body: "草稿修改" });
    await get(enterprise, draft.id, 9).expect(404);
  });

  it("records the article and the version an answer cited, and the case keeps that version", async () => {
    const article = await publishedArticle(app, handler, supervisor, { title: "引用测试条目" });
    const kase = await createCase(app, operator, { type: "consultation", title: "咨询政策", categoryCode: null });
    const answered = await actOk(app, operator, kase.id, "answer", { answer: "按条目答复", articleId: article.id });
    expect(answered.case.status).to.equal("closed");
    expect(answered.case.citedArticle).to.deep.equal({ id: article.id, version: 1, title: "引用测试条目" });
    expect(answered.event.data).to.include({ articleId: article.id, articleVersion: 1 });

    await request(app).patch(`/api/knowledge/${article.id}`).set(supervisor).send({ title: "引用测试条目（修订）" }).expect(200);
    const read = await readCase(app, operator, kase.id);
    expect(read.body.case.citedArticle).to.deep.equal({ id: article.id, version: 1, title: "引用测试条目" });
    const cited = await get(operator, article.id, read.body.case.citedArticle.version).expect(200);
    expect(cited.body.article.title).to.equal("引用测试条目");
  });

  it("refuses to cite a draft, retired, expired or unknown article and changes nothing", async () => {
    const draft = await draftArticle(app, handler);
    const retired = await publishedArticle(app, handler, supervisor);
    await request(app).post(`/api/knowledge/${retired.id}/retire`).set(supervisor).expect(200);
    const expired = await publishedArticle(app, handler, supervisor, { effectiveFrom: "2020-01-01", effectiveTo: "2021-12-31" });
    const kase = await createCase(app, operator, { type: "consultation", categoryCode: null });
    for (const articleId of [draft.id, retired.id, expired.id, "no-such-article"]) {
      const res = await act(app, operator, kase.id, "answer", { answer: "答复", articleId });
      expect(res.status, articleId).to.equal(400);
      expect(res.body.error.details[0].path).to.equal("articleId");
    }
    expect((await readCase(app, operator, kase.id)).body.case).to.include({ status: "registered", version: 1 });
  });

  it("lets the lead handler cite a policy basis in a reply", async () => {
    const article = await publishedArticle(app, handler, supervisor, { title: "答复依据条目", public: false });
    const kase = await createCase(app, operator, { type: "help", categoryCode: null });
    await actOk(app, operator, kase.id, "dispatch", { departmentId: dept });
    await actOk(app, handler, kase.id, "sign");
    const replied = await actOk(app, handler, kase.id, "reply", { content: "依据条目答复，经现场核查问题已整改到位，承办人李工。", articleId: article.id });
    expect(replied.case.citedArticle).to.deep.equal({ id: article.id, version: 1, title: "答复依据条目" });
    expect(replied.event.data).to.include({ articleId: article.id, articleVersion: 1 });
  });

  describe("visibility by role", () => {
    let draft: string, internal: string, expired: string, future: string, retired: string, open: string;
    before(async () => {
      draft = (await draftArticle(app, handler, { title: "可见性草稿" })).id;
      internal = (await publishedArticle(app, handler, supervisor, { title: "可见性内部", public: false })).id;
      expired = (await publishedArticle(app, handler, supervisor, { title: "可见性过期", effectiveTo: "2025-06-30" })).id;
      future = (await publishedArticle(app, handler, supervisor, { title: "可见性未生效", effectiveFrom: "2099-01-01" })).id;
      retired = (await publishedArticle(app, handler, supervisor, { title: "可见性废止" })).id;
      await request(app).post(`/api/knowledge/${retired}/retire`).set(admin).expect(200);
      open = (await publishedArticle(app, handler, supervisor, { title: "可见性公开" })).id;
    });

    const sees = async (who: Header) => {
      const visible: string[] = [];
      for (const id of [draft, internal, expired, future, retired, open]) if ((await get(who, id)).status === 200) visible.push(id);
      const list = await request(app).get(`/api/knowledge?departmentId=${dept}&limit=100`).set(who).expect(200);
      const listed = list.body.items.map((a: { id: string }) => a.id).filter((id: string) => [draft, internal, expired, future, retired, open].includes(id));
      expect([...listed].sort()).to.deep.equal([...visible].sort());
      return visible;
    };

    it("shows the public and enterprises only published, in-force, public articles", async () => {
      expect(await sees(none)).to.deep.equal([open]);
      expect(await sees(enterprise)).to.deep.equal([open]);
    });

    it("shows staff internal, expired and retired articles but drafts only to the owning department", async () => {
      const allButDraft = [internal, expired, future, retired, open];
      expect(await sees(operator)).to.deep.equal(allButDraft);
      expect(await sees(clerk)).to.deep.equal(allButDraft);
      expect(await sees(otherHandler)).to.deep.equal(allButDraft);
      expect(await sees(otherSupervisor)).to.deep.equal(allButDraft);
      const all = [draft, ...allButDraft];
      expect(await sees(handler)).to.deep.equal(all);
      expect(await sees(deptSupervisor)).to.deep.equal(all);
      expect(await sees(supervisor)).to.deep.equal(all);
      expect(await sees(admin)).to.deep.equal(all);
    });

    it("marks whether an article is in force", async () => {
      expect((await get(operator, expired)).body.article.inForce).to.equal(false);
      expect((await get(operator, open)).body.article.inForce).to.equal(true);
    });
  });

  describe("suggestions and search", () => {
    const word = `萤石${unique("").slice(-4)}`;
    let withKeyword: string, withoutKeyword: string, expired: string, retired: string, internal: string;
    before(async () => {
      withKeyword = (await publishedArticle(app, handler, supervisor, { title: "农业项目奖补办法", body: "符合条件的种植户按面积给予奖补。", keywords: [`${word}种植补助`] })).id;
      withoutKeyword = (await publishedArticle(app, handler, supervisor, { title: `${word}种植技术指导`, body: `${word}种植补助另行通知，本文只讲技术。` })).id;
      expired = (await publishedArticle(app, handler, supervisor, { title: `${word}种植补助（旧）`, keywords: [`${word}种植补助`], effectiveTo: "2024-12-31" })).id;
      retired = (await publishedArticle(app, handler, supervisor, { title: `${word}种植补助（停）`, keywords: [`${word}种植补助`] })).id;
      await request(app).post(`/api/knowledge/${retired}/retire`).set(supervisor).expect(200);
      internal = (await publishedArticle(app, handler, supervisor, { title: `${word}种植补助坐席口径`, public: false })).id;
    });

    it("ranks an article whose keywords match above one that only mentions the words, and leaves out expired and retired ones", async () => {
      const res = await request(app).post("/api/knowledge/suggest").set(operator).send({ text: `请问我们合作社的${word}种植补助怎么申请` }).expect(200);
      const ids = res.body.map((s: { article: { id: string } }) => s.article.id);
      expect(ids.indexOf(withKeyword)).to.be.lessThan(ids.indexOf(withoutKeyword));
      expect(ids.indexOf(withKeyword)).to.be.within(0, 1);
      expect(ids).to.include(internal);
      expect(ids).not.to.include(expired);
      expect(ids).not.to.include(retired);
      expect(res.body[0].score).to.be.a("number");
    });

    it("never suggests internal articles to enterprises or the public", async () => {
      for (const who of [enterprise, none]) {
        const res = await request(app).post("/api/knowledge/suggest").set(who).send({ text: `${word}种植补助` }).expect(200);
        const ids = res.body.map((s: { article: { id: string } }) => s.article.id);
        expect(ids).to.include(withKeyword);
        expect(ids).not.to.include.members([internal, expired, retired]);
      }
    });

    it("searches ranked with highlighted, escaped snippets", async () => {
      const hostile = (await publishedArticle(app, handler, supervisor, { title: `${word}转义`, body: `${word}说明：<script>alert(1)</script>` })).id;
      const res = await request(app).get(`/api/knowledge?q=${encodeURIComponent(word)}`).set(enterprise).expect(200);
      const hit = res.body.items.find((a: { id: string }) => a.id === hostile);
      expect(hit.snippet).to.contain("&lt;script&gt;").and.to.contain(`<mark>`);
      expect(hit.snippet).not.to.contain("<script>");
      expect(hit.bodyHtml).not.to.contain("<script>");
    });
  });

  it("renders Markdown safely: no raw HTML, links only http(s) and mailto", async () => {
    const a = await publishedArticle(app, handler, supervisor, {
      body: "# 标题\n\n- [入口](https://www.zjzwfw.gov.cn)\n- [坏](javascript:alert(1))\n- <img src=x onerror=alert(1)>",
    });
    const html = (await get(none, a.id).expect(200)).body.article.bodyHtml as string;
    expect(html).to.contain("<h1>标题</h1>").and.to.contain('href="https://www.zjzwfw.gov.cn"');
    expect(html).not.to.match(/href="javascript/);
    expect(html).not.to.contain("<img");
  });

  it("answers bad requests in the contract's shape", async () => {
    await request(app).post("/api/knowledge").send({ title: "t", body: "b" }).expect(401);
    await request(app).post("/api/knowledge").set(operator).send({ title: "t", body: "b" }).expect(403);
    await request(app).post("/api/knowledge").set(otherHandler).send({ title: "t", body: "b", departmentId: dept }).expect(403);
    const bad = await request(app).post("/api/knowledge").set(handler).send({ title: "", body: "b", effectiveFrom: "2025-02-30" }).expect(400);
    expect(bad.body.error.code).to.equal("validation_failed");
    const inverted = await request(app).post("/api/knowledge").set(handler).send({ title: "t", body: "b", effectiveFrom: "2026-01-02", effectiveTo: "2026-01-01" }).expect(400);
    expect(inverted.body.error.details[0].path).to.equal("effectiveTo");
    await request(app).post("/api/knowledge").set(handler).send({ title: "t", body: "b", categoryCode: "nope" }).expect(400);
    await request(app).get("/api/knowledge?cursor=garbage").expect(400);
    await request(app).post("/api/knowledge/suggest").send({}).expect(400);
    const retired = await publishedArticle(app, handler, supervisor);
    await request(app).post(`/api/knowledge/${retired.id}/retire`).set(supervisor).expect(200);
    await request(app).post(`/api/knowledge/${retired.id}/retire`).set(supervisor).expect(409);
    await request(app).patch(`/api/knowledge/${retired.id}`).set(supervisor).send({ title: "x" }).expect(409);
  });
});
