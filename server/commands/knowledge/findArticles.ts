import type { ArticleRow } from "../../../models/schema/index.ts";
import { findArticlesByIds, searchCandidates, type ArticleListFilter, type KnowledgeReader } from "../../../models/queries/knowledge.ts";
import { logGap } from "../../../models/queries/knowledgeUse.ts";
import type { Db, Executor } from "../../db.ts";
import { anyTermQuery, queryTerms, RANK_WEIGHTS, rankArticles, termsOfVector } from "../../rules/knowledgeRank.ts";
import { articlePlainText, highlightSnippet, stripPhoneNumbers } from "../../rules/knowledgeText.ts";
import { searchQuery } from "../../rules/searchTokens.ts";

/** A ranked article with the terms it matched. */
export interface RankedArticle {
  row: ArticleRow;
  score: number;
  matchedTerms: string[];
}

/** Below this a suggestion is noise (one body bigram); a title or keyword match is well above it. */
const SUGGEST_MIN_SCORE = 1.5;
const SUGGEST_CANDIDATES = 40;
const SEARCH_CANDIDATES = 60;

/** The candidates for the words, scored and ordered (ids, scores and matched terms; no article bodies read yet). */
async function ranked(ex: Executor, reader: KnowledgeReader, today: string, words: string, opts: { inForceOnly: boolean; limit: number } & Omit<ArticleListFilter, "limit" | "cursor">) {
  const terms = queryTerms(words);
  // One Chinese character or a word prefix: the case search's query (prefix match), ranked by ts_rank alone.
  const tsquery = anyTermQuery(terms) ?? searchQuery(words);
  if (!tsquery) return [];
  const rows = await searchCandidates(ex, reader, today, { ...opts, tsquery, weights: RANK_WEIGHTS });
  if (!terms.length) return rows.map((row, i) => ({ id: row.id, score: rows.length - i, matchedTerms: [words.trim().toLowerCase()] }));
  const rankable = rows.map((row) => ({ id: row.id, title: row.title, keywords: row.keywords, terms: termsOfVector(row.vector) }));
  return rankArticles(words, rankable).map((r) => ({ id: r.article.id, score: r.score, matchedTerms: r.matchedTerms }));
}

/** The full rows of ranked ids, in rank order. */
async function withRows(ex: Executor, list: { id: string; score: number; matchedTerms: string[] }[]): Promise<RankedArticle[]> {
  const byId = new Map((await findArticlesByIds(ex, list.map((r) => r.id))).map((row) => [row.id, row]));
  return list.filter((r) => byId.has(r.id)).map((r) => ({ row: byId.get(r.id)!, score: r.score, matchedTerms: r.matchedTerms }));
}

/** The in-force articles that best answer a caller's words, best first (at most `limit`). */
export async function suggestArticles(ex: Executor, reader: KnowledgeReader, today: string, text: string, limit = 5): Promise<RankedArticle[]> {
  const all = await ranked(ex, reader, today, text, { inForceOnly: true, status: "published", limit: SUGGEST_CANDIDATES });
  return withRows(ex, all.filter((r) => r.score >= SUGGEST_MIN_SCORE).slice(0, limit));
}

/**
 * A page of the visible articles matching the words, ranked, each with a highlighted snippet. An article must
 * share at least a third of the query's terms, so that one common bigram does not bring in the whole base.
 */
export async function searchArticles(
  ex: Executor,
  reader: KnowledgeReader,
  today: string,
  q: string,
  f: Omit<ArticleListFilter, "cursor" | "limit"> & { offset: number; limit: number; inForceOnly: boolean },
) {
  const need = Math.max(1, Math.ceil(queryTerms(q).length / 3));
  const all = (await ranked(ex, reader, today, q, { ...f, limit: SEARCH_CANDIDATES })).filter((r) => r.matchedTerms.length >= need);
  const page = await withRows(ex, all.slice(f.offset, f.offset + f.limit));
  return {
    items: page.map((r) => ({ ...r, snippet: highlightSnippet(articlePlainText(r.row.body), r.matchedTerms) })),
    more: all.length > f.offset + f.limit,
    total: all.length,
  };
}

/** Logs a question that found nothing for the gap list (phone numbers removed); short fragments are not questions. */
export async function noteUnanswered(db: Db, text: string, source: "suggest" | "search", askedBy: string | null, at: Date): Promise<void> {
  const kept = stripPhoneNumbers(text);
  if ([...kept.replace(/\s/g, "")].length < 4) return;
  await db.transaction((tx) => logGap(tx, { text: kept, source, askedBy, at }));
}
