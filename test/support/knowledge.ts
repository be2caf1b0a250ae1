import type { Express } from "express";
import request from "supertest";
import type { KnowledgeArticleDto } from "../../models/contracts.ts";
import type { Header } from "./api.ts";

/** A valid article body; overrides win. */
export function articleBody(overrides: Record<string, unknown> = {}) {
  return {
    title: "测试条目",
    body: "## 说明\n\n- 第一条\n- 第二条",
    keywords: [],
    policyRef: "测试文号",
    effectiveFrom: "2020-01-01",
    effectiveTo: null,
    public: true,
    ...overrides,
  };
}

/** Creates a draft as `author` (expects 201). */
export async function draftArticle(app: Express, author: Header, overrides: Record<string, unknown> = {}): Promise<KnowledgeArticleDto> {
  const res = await request(app).post("/api/knowledge").set(author).send(articleBody(overrides));
  if (res.status !== 201) throw new Error(`create article failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.article;
}

/** Creates a draft as `author` and publishes it as `publisher`. */
export async function publishedArticle(app: Express, author: Header, publisher: Header, overrides: Record<string, unknown> = {}): Promise<KnowledgeArticleDto> {
  const draft = await draftArticle(app, author, overrides);
  const res = await request(app).post(`/api/knowledge/${draft.id}/publish`).set(publisher).send({});
  if (res.status !== 200) throw new Error(`publish failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.article;
}
