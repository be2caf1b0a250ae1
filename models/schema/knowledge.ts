import { sql } from "drizzle-orm";
import { boolean, date, index, integer, pgTable, primaryKey, text, uniqueIndex } from "drizzle-orm/pg-core";
import type { KnowledgeStatus } from "../enums.ts";
import { ts, tsvector } from "./columns.ts";
import { cases } from "./cases.ts";
import { categories, departments } from "./directory.ts";

/**
 * A policy or service-guide article (政策知识库). The row holds the current content: a draft being written, or
 * the latest published version (a change to a published article writes the next version at once), or a
 * retired one. `search_tokens` is a weighted tsvector of CJK bigrams (title A, keywords B, body D).
 */
export const knowledgeArticles = pgTable(
  "knowledge_articles",
  {
    id: text("id").primaryKey(),
    title: text("title").notNull(),
    body: text("body").notNull(),
    categoryCode: text("category_code").references(() => categories.code),
    departmentId: text("department_id").notNull().references(() => departments.id),
    keywords: text("keywords").array().notNull().default(sql`'{}'::text[]`),
    policyRef: text("policy_ref"),
    effectiveFrom: date("effective_from", { mode: "string" }),
    effectiveTo: date("effective_to", { mode: "string" }),
    public: boolean("public").notNull().default(true),
    status: text("status").$type<KnowledgeStatus>().notNull(),
    version: integer("version").notNull().default(1),
    /** Reference articles shipped with the product carry a stable key so that seeding them is idempotent. */
    seedKey: text("seed_key"),
    searchTokens: tsvector("search_tokens"),
    /** Title (A) and keywords (B) only: finds the candidates whose head matches without ranking every body that does. */
    headTokens: tsvector("head_tokens"),
    createdBy: text("created_by"),
    createdAt: ts("created_at").notNull(),
    updatedAt: ts("updated_at").notNull(),
  },
  (t) => [
    uniqueIndex("knowledge_articles_seed_key").on(t.seedKey),
    index("knowledge_articles_search_idx").using("gin", t.searchTokens),
    index("knowledge_articles_head_idx").using("gin", t.headTokens),
    index("knowledge_articles_updated_idx").on(t.updatedAt.desc(), t.id.desc()),
    index("knowledge_articles_expiry_idx").on(t.effectiveTo).where(sql`${t.status} = 'published'`),
  ],
);

/** Every published state of an article, immutable: what a case cited stays readable. */
export const knowledgeArticleVersions = pgTable(
  "knowledge_article_versions",
  {
    articleId: text("article_id").notNull().references(() => knowledgeArticles.id),
    version: integer("version").notNull(),
    title: text("title").notNull(),
    body: text("body").notNull(),
    categoryCode: text("category_code"),
    departmentId: text("department_id").notNull(),
    keywords: text("keywords").array().notNull(),
    policyRef: text("policy_ref"),
    effectiveFrom: date("effective_from", { mode: "string" }),
    effectiveTo: date("effective_to", { mode: "string" }),
    public: boolean("public").notNull(),
    publishedAt: ts("published_at").notNull(),
    publishedBy: text("published_by"),
  },
  (t) => [primaryKey({ name: "knowledge_article_versions_pkey", columns: [t.articleId, t.version] })],
);

/** One citation of an article version by a case's answer or reply (the event's seq), for the use figures. */
export const knowledgeCitations = pgTable(
  "knowledge_citations",
  {
    caseId: text("case_id").notNull().references(() => cases.id),
    seq: integer("seq").notNull(),
    articleId: text("article_id").notNull().references(() => knowledgeArticles.id),
    version: integer("version").notNull(),
    action: text("action").notNull(),
    at: ts("at").notNull(),
  },
  (t) => [primaryKey({ name: "knowledge_citations_pkey", columns: [t.caseId, t.seq] }), index("knowledge_citations_article_idx").on(t.articleId, t.at), index("knowledge_citations_at_idx").on(t.at)],
);

/** 有用 / 没用 from enterprises (one per user and article, the latest counts) and anonymous readers. */
export const knowledgeFeedback = pgTable(
  "knowledge_feedback",
  {
    id: text("id").primaryKey(),
    articleId: text("article_id").notNull().references(() => knowledgeArticles.id),
    version: integer("version").notNull(),
    helpful: boolean("helpful").notNull(),
    userId: text("user_id"),
    at: ts("at").notNull(),
  },
  (t) => [index("knowledge_feedback_article_idx").on(t.articleId, t.at), uniqueIndex("knowledge_feedback_user_key").on(t.articleId, t.userId).where(sql`${t.userId} is not null`)],
);

/** Questions (suggest or search text, phone numbers removed) that found no article: the departments' gap list. */
export const knowledgeGaps = pgTable(
  "knowledge_gaps",
  {
    id: text("id").primaryKey(),
    text: text("text").notNull(),
    source: text("source").notNull(),
    /** The asker's user id, or null; only used to fold the prefixes of one question typed in pauses into one row. */
    askedBy: text("asked_by"),
    at: ts("at").notNull(),
  },
  (t) => [index("knowledge_gaps_at_idx").on(t.at)],
);

export type KnowledgeArticleRow = typeof knowledgeArticles.$inferSelect;
export type NewKnowledgeArticleRow = typeof knowledgeArticles.$inferInsert;
/** An article as read for presenting (the search vectors left out). */
export type ArticleRow = Omit<KnowledgeArticleRow, "searchTokens" | "headTokens">;
export type KnowledgeVersionRow = typeof knowledgeArticleVersions.$inferSelect;
