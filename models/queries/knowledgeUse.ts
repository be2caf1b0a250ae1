import { randomUUID } from "node:crypto";
import { and, eq, gte, lt, sql, type SQL } from "drizzle-orm";
import type { Executor } from "../db.ts";
import { queryRows } from "../db.ts";
import { cases, knowledgeArticles as ka, knowledgeCitations, knowledgeFeedback, knowledgeGaps } from "../schema/index.ts";

/** Records that a case's event (seq) cited an article version. */
export async function insertCitation(ex: Executor, c: { caseId: string; seq: number; articleId: string; version: number; action: string; at: Date }): Promise<void> {
  await ex.insert(knowledgeCitations).values(c);
}

/** 有用 / 没用: a signed-in reader's latest answer replaces their earlier one; anonymous answers each count once. */
export async function recordFeedback(ex: Executor, f: { articleId: string; version: number; helpful: boolean; userId: string | null; at: Date }): Promise<void> {
  const row = { id: randomUUID(), ...f };
  if (!f.userId) return void (await ex.insert(knowledgeFeedback).values(row));
  await ex
    .insert(knowledgeFeedback)
    .values(row)
    .onConflictDoUpdate({ target: [knowledgeFeedback.articleId, knowledgeFeedback.userId], targetWhere: sql`${knowledgeFeedback.userId} is not null`, set: { helpful: f.helpful, version: f.version, at: f.at } });
}

/**
 * Logs a question that found no article. The same asker's earlier entries of the last 10 minutes that
 * this text starts with (the same question typed in pauses) are folded into it.
 */
export async function logGap(ex: Executor, g: { text: string; source: string; askedBy: string | null; at: Date }): Promise<void> {
  if (g.askedBy) {
    await ex
      .delete(knowledgeGaps)
      .where(and(eq(knowledgeGaps.askedBy, g.askedBy), gte(knowledgeGaps.at, new Date(g.at.getTime() - 600_000)), sql`strpos(${g.text}, ${knowledgeGaps.text}) = 1`));
  }
  await ex.insert(knowledgeGaps).values({ id: randomUUID(), ...g });
}

const SHANGHAI_MONTH = sql`to_char(${cases.receivedAt} at time zone 'Asia/Shanghai', 'YYYY-MM')`;

/** Per month (Asia/Shanghai) of the period: consultations received, those answered at intake, and those citing an article. */
export async function directAnswerCounts(ex: Executor, from: Date, to: Date) {
  const rows = await ex
    .select({
      month: sql<string>`${SHANGHAI_MONTH}`,
      consultations: sql<number>`count(*)::int`,
      answered: sql<number>`count(*) filter (where ${cases.answer} is not null)::int`,
      withArticle: sql<number>`count(*) filter (where ${cases.answer} is not null and ${cases.citedArticle} is not null)::int`,
    })
    .from(cases)
    .where(and(eq(cases.type, "consultation"), gte(cases.receivedAt, from), lt(cases.receivedAt, to)))
    .groupBy(SHANGHAI_MONTH)
    .orderBy(SHANGHAI_MONTH);
  return rows;
}

/** Citations and feedback per article in the period (articles of one department when given), most used first. */
export async function articleUse(ex: Executor, from: Date, to: Date, departmentId: string | null, limit: number) {
  const dept: SQL = departmentId ? sql`and a.department_id = ${departmentId}` : sql``;
  return queryRows<{ id: string; title: string; departmentId: string; status: string; citations: number; helpful: number; unhelpful: number }>(
    ex,
    sql`select a.id, a.title, a.department_id as "departmentId", a.status,
          coalesce(c.n, 0)::int as citations, coalesce(f.helpful, 0)::int as helpful, coalesce(f.unhelpful, 0)::int as unhelpful
        from ${ka} a
        left join (select article_id, count(*) n from ${knowledgeCitations} where at >= ${from} and at < ${to} group by article_id) c on c.article_id = a.id
        left join (select article_id, count(*) filter (where helpful) helpful, count(*) filter (where not helpful) unhelpful
                   from ${knowledgeFeedback} where at >= ${from} and at < ${to} group by article_id) f on f.article_id = a.id
        where (c.n is not null or f.article_id is not null) ${dept}
        order by citations desc, helpful desc, a.title limit ${limit}`,
  );
}

/** Published articles whose effectiveTo falls on or before `until` (already expired ones included), soonest first. */
export async function articlesNearingExpiry(ex: Executor, until: string, departmentId: string | null) {
  return ex
    .select({ id: ka.id, title: ka.title, departmentId: ka.departmentId, effectiveTo: ka.effectiveTo, policyRef: ka.policyRef })
    .from(ka)
    .where(and(eq(ka.status, "published"), sql`${ka.effectiveTo} <= ${until}::date`, departmentId ? eq(ka.departmentId, departmentId) : undefined))
    .orderBy(ka.effectiveTo, ka.title)
    .limit(100);
}

/** The questions that found no article in the period, most asked first. */
export async function gapList(ex: Executor, from: Date, to: Date, limit: number) {
  return ex
    .select({ text: knowledgeGaps.text, count: sql<number>`count(*)::int`, lastAt: sql<Date>`max(${knowledgeGaps.at})` })
    .from(knowledgeGaps)
    .where(and(gte(knowledgeGaps.at, from), lt(knowledgeGaps.at, to)))
    .groupBy(knowledgeGaps.text)
    .orderBy(sql`count(*) desc`, sql`max(${knowledgeGaps.at}) desc`)
    .limit(limit);
}
