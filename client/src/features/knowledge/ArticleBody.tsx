/** One article: its facts (policy reference, validity, department) and its body, rendered by the server to safe HTML. */
import type { KnowledgeArticleDto } from "../../../../models/contracts.ts";
import { useI18n } from "../../i18n/index.tsx";
import { useReference } from "../reference/ReferenceContext.tsx";

/** The validity period as text, open ends shown as such. */
export function validityText(a: Pick<KnowledgeArticleDto, "effectiveFrom" | "effectiveTo">, t: ReturnType<typeof useI18n>["t"]): string {
  return `${a.effectiveFrom ?? t("kb.openStart")} — ${a.effectiveTo ?? t("kb.openEnd")}`;
}

export function ArticleMeta({ article }: { article: KnowledgeArticleDto }) {
  const { t } = useI18n();
  const { departmentName } = useReference();
  return (
    <dl className="kb-meta">
      {article.policyRef && (
        <>
          <dt>{t("kb.policyRef")}</dt>
          <dd>{article.policyRef}</dd>
        </>
      )}
      <dt>{t("kb.validity")}</dt>
      <dd>
        {validityText(article, t)} {!article.inForce && <span className="badge badge-muted">{t("kb.notInForce")}</span>}
      </dd>
      <dt>{t("kb.department")}</dt>
      <dd>{departmentName(article.departmentId)}</dd>
    </dl>
  );
}

/** The body HTML comes from the server's Markdown renderer (raw HTML escaped, links http(s)/mailto only). */
export function ArticleBody({ article }: { article: KnowledgeArticleDto }) {
  return <div className="kb-body" dangerouslySetInnerHTML={{ __html: article.bodyHtml }} />;
}

/** A search snippet: the server escapes the text and marks matches with <mark>. */
export function Snippet({ html }: { html: string }) {
  return <p className="kb-snippet" dangerouslySetInnerHTML={{ __html: html }} />;
}
