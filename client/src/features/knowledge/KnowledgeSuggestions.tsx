/** Beside the intake form: the in-force articles matching the caller's words; Alt+1…5 opens one, "answer with this" cites it. */
import { useEffect, useState } from "react";
import type { KnowledgeArticleDto } from "../../../../models/contracts.ts";
import { Modal } from "../../components/Modal.tsx";
import { ErrorState } from "../../components/States.tsx";
import { useI18n } from "../../i18n/index.tsx";
import { ArticleBody, ArticleMeta } from "./ArticleBody.tsx";
import { useSuggestions } from "./useSuggestions.ts";

export function KnowledgeSuggestions({ text, onAnswer }: { text: string; onAnswer?: (article: KnowledgeArticleDto) => void }) {
  const { t } = useI18n();
  const { items, error, waiting } = useSuggestions(text);
  const [open, setOpen] = useState<KnowledgeArticleDto | null>(null);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!e.altKey || !/^[1-5]$/.test(e.key) || !items) return;
      const pick = items[Number(e.key) - 1];
      if (pick) {
        e.preventDefault();
        setOpen(pick.article);
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [items]);

  return (
    <section className="panel side-panel kb-suggest" aria-labelledby="kb-suggest-title" aria-live="polite">
      <h2 id="kb-suggest-title">{t("kb.suggest.title")}</h2>
      {error ? (
        <ErrorState message={error} />
      ) : items === null ? (
        <p className="muted">{waiting ? t("common.loading") : t("kb.suggest.hint")}</p>
      ) : items.length === 0 ? (
        <p className="muted">{t("kb.suggest.none")}</p>
      ) : (
        <ol className="kb-suggest-list">
          {items.map((s, i) => (
            <li key={s.article.id}>
              <button type="button" className="kb-suggest-item" onClick={() => setOpen(s.article)} aria-keyshortcuts={`Alt+${i + 1}`}>
                <kbd>Alt+{i + 1}</kbd>
                <span className="kb-suggest-text">
                  <strong>{s.article.title}</strong>
                  <span className="muted small">
                    {s.article.policyRef ?? ""} {!s.article.public && <span className="badge badge-muted">{t("kb.internal")}</span>}
                  </span>
                </span>
              </button>
            </li>
          ))}
        </ol>
      )}
      {open && (
        <Modal
          title={open.title}
          onClose={() => setOpen(null)}
          footer={
            <>
              {onAnswer && (
                <button type="button" className="btn btn-primary" data-autofocus onClick={() => { onAnswer(open); setOpen(null); }}>
                  {t("kb.answerWithThis")}
                </button>
              )}
              <button type="button" className="btn" onClick={() => setOpen(null)}>
                {t("common.close")}
              </button>
            </>
          }
        >
          <ArticleMeta article={open} />
          <ArticleBody article={open} />
        </Modal>
      )}
    </section>
  );
}
