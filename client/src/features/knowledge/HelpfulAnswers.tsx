/** While an enterprise types a new appeal: "these answers may help", each with 有用/没用; a helpful one means no appeal is needed. */
import { useState } from "react";
import { Link } from "react-router";
import { useI18n } from "../../i18n/index.tsx";
import { ArticleBody, ArticleMeta } from "./ArticleBody.tsx";
import { FeedbackButtons } from "./FeedbackButtons.tsx";
import { useSuggestions } from "./useSuggestions.ts";

export function HelpfulAnswers({ text }: { text: string }) {
  const { t } = useI18n();
  const { items } = useSuggestions(text, 600);
  const [expanded, setExpanded] = useState<string | null>(null);
  const [solved, setSolved] = useState(false);
  if (!items?.length) return null;
  return (
    <section className="kb-helpful" aria-labelledby="kb-helpful-title" aria-live="polite">
      <h2 id="kb-helpful-title">{t("kb.helpful.title")}</h2>
      <p className="muted small">{t("kb.helpful.lead")}</p>
      <ul className="kb-helpful-list">
        {items.slice(0, 3).map((s) => (
          <li key={s.article.id}>
            <button type="button" className="kb-helpful-head" aria-expanded={expanded === s.article.id} onClick={() => setExpanded(expanded === s.article.id ? null : s.article.id)}>
              <span>{s.article.title}</span>
              <span aria-hidden="true">{expanded === s.article.id ? "▾" : "▸"}</span>
            </button>
            {expanded === s.article.id && (
              <div className="kb-helpful-body">
                <ArticleMeta article={s.article} />
                <ArticleBody article={s.article} />
                <FeedbackButtons articleId={s.article.id} onHelpful={(h) => setSolved(h)} />
              </div>
            )}
          </li>
        ))}
      </ul>
      {solved && (
        <div className="panel panel-success kb-solved" role="status">
          <p>{t("kb.helpful.solved")}</p>
          <Link className="btn btn-primary" to="/enterprise">
            {t("kb.helpful.noNeed")}
          </Link>
        </div>
      )}
    </section>
  );
}
