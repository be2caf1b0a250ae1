/**
 * Ranking of knowledge-base articles for a searcher's or caller's words, on the lexemes of searchTokens.ts
 * (the same engine as case search). The database finds candidates through the GIN index and orders them
 * by ts_rank over a weighted vector; this module then scores the best of them: title and keyword matches
 * weigh more than body matches, and an article one of whose keywords the words contain outranks one without.
 */
import { searchLexemes } from "./searchTokens.ts";

/** ts_rank weights {D, C, B, A}: body D, keywords B, title A. */
export const RANK_WEIGHTS = "{0.1, 0.2, 0.6, 1.0}";

/**
 * Bigrams of everyday speech that say nothing about the matter ("请问我们公司怎么办理…"): dropped from the
 * query so that they neither find nor rank articles. Only bigrams, so "办理" inside "代办理" is unaffected.
 */
const FILLER = new Set(
  (
    "请问 问一 一下 我们 我想 想问 你们 他们 我的 我家 公司 企业 单位 这个 那个 这样 那样 怎么 怎样 如何 什么 哪些 哪里 哪个 " +
    "可以 能不 不能 能够 是否 是不 不是 有没 没有 有什 现在 今年 去年 已经 还是 或者 知道 需要 要求 应该 就是 因为 所以 " +
    "如果 但是 可是 然后 的话 了吗 了解 咨询 听说 说是 一个 一些 多少 几个 时候 时间 情况 问题 办法 东西 现在 刚刚 最近 " +
    "之前 之后 以后 以前 自己 还有 也是 都是 我是 是个 个人 有个 这边 那边 上面 里面 出来 起来 下来 能否 要不 不要 想要 " +
    "麻烦 谢谢 帮忙 帮我 告诉 一家 家公 司的 的企 业的 们公 的事"
  ).split(/\s+/),
);

/** The terms of a query that search and rank: its bigrams and Latin/number words, less everyday filler. */
export function queryTerms(text: string): string[] {
  const all = searchLexemes(text).filter((t) => [...t].length > 1);
  const kept = all.filter((t) => !FILLER.has(t));
  return kept.length ? kept : all;
}

/** A tsquery (text form) matching articles that share any term with the text, or null when it has none. */
export function anyTermQuery(terms: string[]): string | null {
  return terms.length ? terms.map((t) => `'${t.replace(/'/g, "''")}'`).join(" | ") : null;
}

/** The tsvector input text of an article's head: title lexemes A, keyword lexemes B. */
export function articleHeadVectorText(a: { title: string; keywords: string[] }): string {
  return articleVectorText({ ...a, plainBody: "" });
}

/**
 * The weighted tsvector of an article, as tsvector input text: each lexeme once per field it occurs in,
 * title A, keywords B, body D. Written as text and cast, so no text-search parser or locale is involved.
 */
export function articleVectorText(a: { title: string; keywords: string[]; plainBody: string }): string {
  const parts: string[] = [];
  let position = 1;
  const add = (lexemes: string[], weight: string) => {
    for (const lexeme of lexemes) parts.push(`'${lexeme.replace(/\\/g, "\\\\").replace(/'/g, "''")}':${Math.min(position++, 16383)}${weight}`);
  };
  add(searchLexemes(a.title), "A");
  add(searchLexemes(a.keywords.join("\n")), "B");
  add(searchLexemes(a.plainBody), "");
  return parts.join(" ");
}

/** What scoring needs of an article. */
export interface RankableArticle {
  title: string;
  keywords: string[];
  plainBody: string;
}

const TITLE_WEIGHT = 3;
const KEYWORD_WEIGHT = 2.5;
const BODY_WEIGHT = 0.6;
const KEYWORD_BONUS = 4;

/** Bigrams (and words) of a text as a set. */
const termSet = (text: string) => new Set(searchLexemes(text).filter((t) => [...t].length > 1));

/** How many of an article's keywords the words contain (whole, or every bigram of it), and the score they add. */
export function keywordMatches(words: string, keywords: string[]): { matched: string[]; bonus: number } {
  const normalized = words.normalize("NFKC").toLowerCase();
  const wordTerms = termSet(words);
  const matched: string[] = [];
  let bonus = 0;
  for (const keyword of keywords) {
    const k = keyword.normalize("NFKC").toLowerCase().trim();
    if ([...k].length < 2) continue;
    const kTerms = [...termSet(k)];
    if (normalized.includes(k) || (kTerms.length > 0 && kTerms.every((t) => wordTerms.has(t)))) {
      matched.push(keyword);
      bonus += KEYWORD_BONUS + Math.min(kTerms.length, 4) * 0.5;
    }
  }
  return { matched, bonus };
}

/** The fields of an article as term sets. */
export interface ArticleTerms {
  title: Set<string>;
  keywords: Set<string>;
  body: Set<string>;
}

const termsOf = (a: RankableArticle): ArticleTerms => ({ title: termSet(a.title), keywords: termSet(a.keywords.join("\n")), body: termSet(a.plainBody) });

const VECTOR_ENTRY = /'((?:[^']|'')*)'(?::([0-9A-D,]+))?/g;

/** The title (A), keyword (B) and body (D) terms of an article read back from its stored tsvector text. */
export function termsOfVector(vectorText: string): ArticleTerms {
  const terms: ArticleTerms = { title: new Set(), keywords: new Set(), body: new Set() };
  for (const [, quoted, positions] of vectorText.matchAll(VECTOR_ENTRY)) {
    const lexeme = quoted.replace(/''/g, "'").replace(/\\\\/g, "\\");
    if ([...lexeme].length < 2) continue;
    for (const p of (positions ?? "").split(",")) {
      const weight = p.slice(-1);
      (weight === "A" ? terms.title : weight === "B" ? terms.keywords : terms.body).add(lexeme);
    }
  }
  return terms;
}

/**
 * How telling each term is among the articles being ranked (inverse document frequency over them): a term that
 * most candidates share ("营业执照", "补贴") counts for less than one that few have.
 */
function termWeights(terms: string[], articles: ArticleTerms[]): Map<string, number> {
  const n = articles.length;
  const weights = new Map<string, number>();
  for (const t of terms) {
    const df = articles.filter((a) => a.title.has(t) || a.keywords.has(t) || a.body.has(t)).length;
    weights.set(t, Math.log(1 + (n + 1) / (df + 0.5)));
  }
  return weights;
}

/** The score of one article for the query terms (see the module comment); 0 when nothing matches. */
function scoreTerms(words: string, terms: string[], a: Pick<RankableArticle, "keywords">, at: ArticleTerms, weights: Map<string, number>): { score: number; matchedTerms: string[] } {
  let score = 0;
  const matchedTerms: string[] = [];
  for (const t of terms) {
    const inTitle = at.title.has(t);
    const inKeywords = at.keywords.has(t);
    const inBody = at.body.has(t);
    if (inTitle || inKeywords || inBody) matchedTerms.push(t);
    score += ((inTitle ? TITLE_WEIGHT : 0) + (inKeywords ? KEYWORD_WEIGHT : 0) + (inBody ? BODY_WEIGHT : 0)) * (weights.get(t) ?? 1);
  }
  if (!matchedTerms.length) return { score: 0, matchedTerms };
  score += keywordMatches(words, a.keywords).bonus;
  // A share of the caller's terms found anywhere: a broad match of many terms beats one lucky bigram.
  score *= 0.5 + matchedTerms.length / terms.length / 2;
  return { score: Math.round(score * 100) / 100, matchedTerms };
}

/** Articles ranked by score, best first, ties by title; those below `minScore` are left out. `terms` when already known (from the vector). */
export function rankArticles<T extends { title: string; keywords: string[]; plainBody?: string; terms?: ArticleTerms }>(words: string, articles: T[], minScore = 0): { article: T; score: number; matchedTerms: string[] }[] {
  const query = queryTerms(words);
  const all = articles.map((a) => a.terms ?? termsOf({ title: a.title, keywords: a.keywords, plainBody: a.plainBody ?? "" }));
  const weights = termWeights(query, all);
  return articles
    .map((article, i) => ({ article, ...scoreTerms(words, query, article, all[i], weights) }))
    .filter((r) => r.score > minScore)
    .sort((x, y) => y.score - x.score || x.article.title.localeCompare(y.article.title));
}
