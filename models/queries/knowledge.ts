import { and, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { Executor } from "../db.ts";
import type { Role } from "../enums.ts";
import { getTableColumns } from "drizzle-orm";
import { knowledgeArticles as ka, knowledgeArticleVersions as kv, type ArticleRow, type KnowledgeVersionRow, type NewKnowledgeArticleRow } from "../schema/index.ts";

const { searchTokens: _searchTokens, headTokens: _headTokens, ...ARTICLE } = getTableColumns(ka);

/** The tsvector input texts of an article: the whole (title A, keywords B, body D) and its head (title, keywords). */
export interface ArticleVectors {
  all: string;
  head: string;
}

/** Who reads the knowledge base: a signed-in actor, or null for the public. */
export type KnowledgeReader = { role: Role | "integration"; departmentId: string | null } | null;

/** Readers who see only published, in-force, public articles: the public, enterprises, integration clients. */
export function isPublicReader(reader: KnowledgeReader): boolean {
  return !reader || reader.role === "enterprise" || reader.role === "integration";
}

/** Published and in force on `today` (YYYY-MM-DD, Asia/Shanghai). */
export function inForceSql(today: string): SQL {
  return sql`${ka.status} = 'published' and (${ka.effectiveFrom} is null or ${ka.effectiveFrom} <= ${today}::date) and (${ka.effectiveTo} is null or ${ka.effectiveTo} >= ${today}::date)`;
}

/** The articles a reader may see; kept in step with policies/knowledge.ts. */
export function articlesVisibleTo(reader: KnowledgeReader, today: string): SQL | undefined {
  if (isPublicReader(reader)) return sql`${inForceSql(today)} and ${ka.public}`;
  const r = reader!;
  if (r.role === "admin" || (r.role === "supervisor" && !r.departmentId)) return undefined;
  if ((r.role === "handler" || r.role === "supervisor") && r.departmentId) {
    return sql`(${ka.status} <> 'draft' or ${ka.departmentId} = ${r.departmentId})`;
  }
  return sql`${ka.status} <> 'draft'`;
}

/** The weighted search vector from its tsvector text (server/rules/knowledgeRank.ts articleVectorText). */
const vector = (text: string) => sql`${text}::tsvector` as unknown as string;
const vectors = (v: ArticleVectors) => ({ searchTokens: vector(v.all), headTokens: vector(v.head) });

export async function insertArticle(ex: Executor, row: NewKnowledgeArticleRow, v: ArticleVectors): Promise<ArticleRow> {
  const [created] = await ex.insert(ka).values({ ...row, ...vectors(v) }).returning(ARTICLE);
  return created;
}

export async function updateArticle(ex: Executor, id: string, patch: Partial<NewKnowledgeArticleRow>, v?: ArticleVectors): Promise<ArticleRow> {
  const [row] = await ex
    .update(ka)
    .set({ ...patch, ...(v ? vectors(v) : {}) })
    .where(eq(ka.id, id))
    .returning(ARTICLE);
  return row;
}

/** An article the reader may see, optionally locked. */
export async function findArticleForReader(ex: Executor, id: string, reader: KnowledgeReader, today: string, opts: { forUpdate?: boolean } = {}) {
  const q = ex.select(ARTICLE).from(ka).where(and(eq(ka.id, id), articlesVisibleTo(reader, today))).limit(1);
  const rows = opts.forUpdate ? await q.for("update") : await q;
  return rows[0] as ArticleRow | undefined;
}

/** Stores the article's current content as its published version `row.version` (kept if already stored). */
export async function insertVersion(ex: Executor, row: ArticleRow, at: Date, by: string | null): Promise<void> {
  const { id, title, body, categoryCode, departmentId, keywords, policyRef, effectiveFrom, effectiveTo, public: isPublic, version } = row;
  await ex
    .insert(kv)
    .values({ articleId: id, version, title, body, categoryCode, departmentId, keywords, policyRef, effectiveFrom, effectiveTo, public: isPublic, publishedAt: at, publishedBy: by })
    .onConflictDoNothing();
}

export async function findVersion(ex: Executor, articleId: string, version: number): Promise<KnowledgeVersionRow | undefined> {
  const rows = await ex.select().from(kv).where(and(eq(kv.articleId, articleId), eq(kv.version, version))).limit(1);
  return rows[0];
}

/** An article's published versions, newest first (number, date, title). */
export async function listVersions(ex: Executor, articleId: string) {
  return ex.select({ version: kv.version, publishedAt: kv.publishedAt, title: kv.title }).from(kv).where(eq(kv.articleId, articleId)).orderBy(desc(kv.version));
}

export interface ArticleListFilter {
  categoryCode?: string;
  departmentId?: string;
  status?: string;
  cursor?: { k: string; id: string };
  limit: number;
}

function filterConditions(reader: KnowledgeReader, today: string, f: Omit<ArticleListFilter, "limit" | "cursor">): (SQL | undefined)[] {
  const conditions: (SQL | undefined)[] = [articlesVisibleTo(reader, today)];
  if (f.categoryCode) conditions.push(eq(ka.categoryCode, f.categoryCode));
  if (f.departmentId) conditions.push(eq(ka.departmentId, f.departmentId));
  if (f.status) conditions.push(eq(ka.status, f.status as ArticleRow["status"]));
  return conditions;
}

/** A page of visible articles, most recently updated first (keyset on updatedAt, id). */
export async function listArticles(ex: Executor, reader: KnowledgeReader, today: string, f: ArticleListFilter) {
  const conditions = filterConditions(reader, today, f);
  if (f.cursor) conditions.push(sql`(${ka.updatedAt}, ${ka.id}) < (${f.cursor.k}::timestamptz, ${f.cursor.id})`);
  const rows = await ex
    .select(ARTICLE)
    .from(ka)
    .where(and(...conditions))
    .orderBy(sql`${ka.updatedAt} desc nulls last`, sql`${ka.id} desc nulls last`)
    .limit(f.limit + 1);
  return { rows: rows.slice(0, f.limit), more: rows.length > f.limit };
}

/** A search candidate: what ranking needs, its terms read from the stored vector. */
export interface Candidate {
  id: string;
  title: string;
  keywords: string[];
  vector: string;
}

/**
 * The visible articles sharing a term with the query, at most `limit`, best ts_rank first (title A, keywords B,
 * body D): first those whose title or keywords match (the small head vector), then, while there is room, those
 * matching in the body only. These are the candidates that server/rules/knowledgeRank.ts then scores.
 */
export async function searchCandidates(
  ex: Executor,
  reader: KnowledgeReader,
  today: string,
  q: { tsquery: string; weights: string; inForceOnly: boolean; limit: number } & Omit<ArticleListFilter, "limit" | "cursor">,
): Promise<Candidate[]> {
  const conditions = filterConditions(reader, today, q);
  if (q.inForceOnly) conditions.push(inForceSql(today));
  const query = sql`${q.tsquery}::tsquery`;
  const pick = { id: ka.id, title: ka.title, keywords: ka.keywords, vector: sql<string>`${ka.searchTokens}::text` };
  const head = await ex
    .select(pick)
    .from(ka)
    .where(and(...conditions, sql`${ka.headTokens} @@ ${query}`))
    .orderBy(sql`ts_rank(${q.weights}::float4[], ${ka.headTokens}, ${query}) desc`, ka.id)
    .limit(q.limit);
  if (head.length >= q.limit) return head;
  const body = await ex
    .select(pick)
    .from(ka)
    .where(and(...conditions, sql`${ka.searchTokens} @@ ${query}`, sql`not (${ka.headTokens} @@ ${query})`))
    .orderBy(sql`ts_rank(${q.weights}::float4[], ${ka.searchTokens}, ${query}) desc`, ka.id)
    .limit(q.limit - head.length);
  return [...head, ...body];
}

/** Articles by id (any status), without their vectors. */
export async function findArticlesByIds(ex: Executor, ids: string[]): Promise<ArticleRow[]> {
  if (!ids.length) return [];
  return ex.select(ARTICLE).from(ka).where(inArray(ka.id, ids));
}

/** The article shipped under a seed key, if any. */
export async function findArticleBySeedKey(ex: Executor, seedKey: string) {
  const rows = await ex.select({ id: ka.id }).from(ka).where(eq(ka.seedKey, seedKey)).limit(1);
  return rows[0];
}
