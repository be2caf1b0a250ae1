import type { CitedArticleDto, KnowledgeArticleDto } from "../../models/contracts.ts";
import type { CaseRow, ArticleRow, KnowledgeVersionRow } from "../../models/schema/index.ts";
import type { Actor } from "../auth/actor.ts";
import { isKnowledgeStaff } from "../policies/knowledge.ts";
import { isInForce, renderArticleHtml } from "../rules/knowledgeText.ts";

/** An article (or one of its published versions, under the article's current status) as the API shows it. */
export function presentArticle(a: ArticleRow, today: string, version?: KnowledgeVersionRow, snippet?: string): KnowledgeArticleDto {
  const c = version ?? a;
  return {
    id: a.id,
    title: c.title,
    body: c.body,
    bodyHtml: renderArticleHtml(c.body),
    categoryCode: c.categoryCode,
    departmentId: c.departmentId,
    keywords: c.keywords,
    policyRef: c.policyRef,
    effectiveFrom: c.effectiveFrom,
    effectiveTo: c.effectiveTo,
    public: c.public,
    status: a.status,
    version: c.version,
    updatedAt: (version ? version.publishedAt : a.updatedAt).toISOString(),
    inForce: isInForce(c, today),
    ...(snippet !== undefined ? { snippet } : {}),
  };
}

/** The article version a case cited, for the case DTO: staff always, others only when that version was public. */
export function presentCitedArticle(kase: Pick<CaseRow, "citedArticle">, actor: Actor | undefined): CitedArticleDto | null {
  const cited = kase.citedArticle;
  if (!cited || (!cited.public && !isKnowledgeStaff(actor))) return null;
  return { id: cited.id, version: cited.version, title: cited.title };
}
