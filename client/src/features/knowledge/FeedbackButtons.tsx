/** 有用 / 没用 under an article, for enterprises and the public. */
import { useState } from "react";
import { sendFeedback } from "../../api/knowledge.ts";
import { useI18n } from "../../i18n/index.tsx";

export function FeedbackButtons({ articleId, onHelpful }: { articleId: string; onHelpful?: (helpful: boolean) => void }) {
  const { t } = useI18n();
  const [sent, setSent] = useState<boolean | null>(null);
  const [error, setError] = useState<string | null>(null);
  const send = async (helpful: boolean) => {
    setError(null);
    try {
      await sendFeedback(articleId, helpful);
      setSent(helpful);
      onHelpful?.(helpful);
    } catch (e) {
      setError((e as Error).message);
    }
  };
  return (
    <div className="kb-feedback" role="group" aria-label={t("kb.feedback.label")}>
      <span className="muted small">{t("kb.feedback.question")}</span>
      <button type="button" className={`btn btn-small${sent === true ? " btn-primary" : ""}`} aria-pressed={sent === true} onClick={() => void send(true)}>
        👍 {t("kb.feedback.helpful")}
      </button>
      <button type="button" className={`btn btn-small${sent === false ? " btn-primary" : ""}`} aria-pressed={sent === false} onClick={() => void send(false)}>
        👎 {t("kb.feedback.unhelpful")}
      </button>
      {sent !== null && <span className="small ok">{t("kb.feedback.thanks")}</span>}
      {error && <span className="small error-text">{error}</span>}
    </div>
  );
}
