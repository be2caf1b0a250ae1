/** A handler's policy basis (政策依据) for a reply or answer: suggestions for the case, or a search; optional. */
import { useState } from "react";
import type { KnowledgeArticleDto } from "../../../../models/contracts.ts";
import { useI18n } from "../../i18n/index.tsx";
import { useSuggestions } from "./useSuggestions.ts";

export function ArticlePicker({ context, value, onChange }: { context: string; value: KnowledgeArticleDto | null; onChange: (a: KnowledgeArticleDto | null) => void }) {
  const { t } = useI18n();
  const [query, setQuery] = useState("");
  const { items } = useSuggestions(query.trim() || context, 300);
  if (value) {
    return (
      <div className="kb-picker">
        <span className="field-label">{t("kb.basis")}</span>
        <p className="kb-cited">
          {t("kb.citing", { title: value.title, version: value.version })}{" "}
          <button type="button" className="btn-link" onClick={() => onChange(null)}>
            {t("kb.removeCitation")}
          </button>
        </p>
      </div>
    );
  }
  return (
    <div className="kb-picker">
      <label className="field-label" htmlFor="kb-picker-q">
        {t("kb.basis")} <span className="muted small">{t("kb.basisHint")}</span>
      </label>
      <input id="kb-picker-q" className="input" type="search" value={query} placeholder={t("kb.searchPlaceholder")} onChange={(e) => setQuery(e.target.value)} />
      {!!items?.length && (
        <ul className="kb-picker-list">
          {items.map((s) => (
            <li key={s.article.id}>
              <button type="button" className="btn-link" onClick={() => onChange(s.article)}>
                {s.article.title}
              </button>{" "}
              <span className="muted small">{s.article.policyRef}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
