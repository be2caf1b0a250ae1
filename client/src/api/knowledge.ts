/** The policy knowledge base: search, suggestions, articles and versions, authoring, feedback and figures. */
import type { KnowledgeArticleDto } from "../../../models/contracts.ts";
import type { KnowledgeStatus } from "../../../models/enums.ts";
import { get, patch, post } from "./http.ts";

export interface ArticlePage {
  items: (KnowledgeArticleDto & { score?: number })[];
  nextCursor: string | null;
}

export interface ArticleDetail {
  article: KnowledgeArticleDto;
  versions: { version: number; publishedAt: string; title: string }[];
}

export interface Suggestion {
  article: KnowledgeArticleDto;
  score: number;
  matchedTerms: string[];
}

export interface ArticleFields {
  title: string;
  body: string;
  categoryCode: string | null;
  departmentId?: string;
  keywords: string[];
  policyRef: string | null;
  effectiveFrom: string | null;
  effectiveTo: string | null;
  public: boolean;
}

export interface KnowledgeStats {
  from: string;
  to: string;
  directAnswer: { consultations: number; answered: number; withArticle: number; rate: number | null; months: { month: string; consultations: number; answered: number; withArticle: number; rate: number | null }[] };
  articles: { id: string; title: string; departmentId: string; status: string; citations: number; helpful: number; unhelpful: number; helpfulRate: number | null }[];
  expiring: { id: string; title: string; departmentId: string; effectiveTo: string; policyRef: string | null; expired: boolean }[];
  gaps: { text: string; count: number; lastAt: string }[];
}

/** GET /api/knowledge with filters (q ranks and adds snippets). */
export function listArticles(f: { q?: string; status?: KnowledgeStatus | ""; departmentId?: string; categoryCode?: string; cursor?: string; limit?: number }, signal?: AbortSignal) {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) if (v !== undefined && v !== "" && v !== null) p.set(k, String(v));
  return get<ArticlePage>(`/knowledge?${p}`, { signal });
}

export const getArticle = (id: string, version?: number) => get<ArticleDetail>(`/knowledge/${encodeURIComponent(id)}${version ? `?version=${version}` : ""}`);
export const suggestArticles = (text: string, signal?: AbortSignal) => post<Suggestion[]>("/knowledge/suggest", { text }, { signal });
export const createArticle = (body: ArticleFields) => post<{ article: KnowledgeArticleDto }>("/knowledge", body);
export const updateArticle = (id: string, body: Partial<ArticleFields> & { version?: number }) => patch<{ article: KnowledgeArticleDto }>(`/knowledge/${encodeURIComponent(id)}`, body);
export const setArticleStatus = (id: string, step: "publish" | "retire") => post<{ article: KnowledgeArticleDto }>(`/knowledge/${encodeURIComponent(id)}/${step}`);
export const sendFeedback = (id: string, helpful: boolean) => post<void>(`/knowledge/${encodeURIComponent(id)}/feedback`, { helpful });
export const getKnowledgeStats = (q: { from?: string; to?: string } = {}) => get<KnowledgeStats>(`/knowledge/stats?${new URLSearchParams(q as Record<string, string>)}`);

/** The answer text an operator starts from when answering with an article: its title, a plain summary and the reference. */
export function answerFromArticle(a: KnowledgeArticleDto): string {
  const plain = a.body
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/^#+\s*/gm, "")
    .replace(/[*_`>]/g, "")
    .replace(/^\s*[-+]\s+/gm, "· ")
    .replace(/\n{2,}/g, "\n")
    .trim();
  return `${plain.slice(0, 600)}${plain.length > 600 ? "…" : ""}\n（依据：${a.title}${a.policyRef ? `，${a.policyRef}` : ""}）`;
}
