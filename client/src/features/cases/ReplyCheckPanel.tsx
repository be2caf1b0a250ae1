/** Live reply checks (答复质检) under the reply box: blocking findings in red with the offending text marked, warnings in amber. */
import { useEffect, useState, type ReactNode } from "react";
import { checkReplyDraft, type ReplyFindingDto } from "../../api/cases.ts";
import { useI18n, type MessageKey } from "../../i18n/index.tsx";

const DEBOUNCE_MS = 400;

/** Debounced checks of a draft: null until the first answer arrives (or when the check cannot run). */
function useReplyCheck(caseId: string, content: string, articleId: string | undefined): ReplyFindingDto[] | null {
  const [findings, setFindings] = useState<ReplyFindingDto[] | null>(null);
  useEffect(() => {
    const abort = new AbortController();
    // Nothing typed yet: the required-field check speaks first.
    if (!content.trim()) {
      setFindings(null);
      return;
    }
    const timer = setTimeout(() => {
      checkReplyDraft(caseId, articleId ? { content, articleId } : { content }, abort.signal)
        .then((r) => setFindings(r.findings))
        .catch(() => {
          // The server checks again on submit; a failed preview only hides the panel.
          if (!abort.signal.aborted) setFindings(null);
        });
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      abort.abort();
    };
  }, [caseId, content, articleId]);
  return findings;
}

/** The draft with the spans of blocking findings marked. */
function marked(content: string, findings: ReplyFindingDto[]): ReactNode[] {
  const spans = findings.flatMap((f) => (f.severity === "block" && f.span ? [f.span] : [])).sort((a, b) => a[0] - b[0]);
  const out: ReactNode[] = [];
  let at = 0;
  for (const [start, end] of spans) {
    if (start < at) continue;
    out.push(content.slice(at, start), <mark key={start}>{content.slice(start, end)}</mark>);
    at = end;
  }
  out.push(content.slice(at));
  return out;
}

/** The findings of the draft; reports whether any blocks the reply. */
export function ReplyCheckPanel({ caseId, content, articleId, onBlocking }: { caseId: string; content: string; articleId?: string; onBlocking: (blocked: boolean) => void }) {
  const { t } = useI18n();
  const findings = useReplyCheck(caseId, content, articleId);
  const blocked = !!findings?.some((f) => f.severity === "block");
  useEffect(() => onBlocking(blocked), [blocked, onBlocking]);
  if (!content.trim()) return null;
  if (!findings) return <p className="reply-check reply-check-pending">{t("replyCheck.checking")}</p>;
  const hasSpans = findings.some((f) => f.severity === "block" && f.span);
  return (
    <section className="reply-check" aria-live="polite" aria-label={t("replyCheck.title")}>
      <h4>{t("replyCheck.title")}</h4>
      {!findings.length && <p className="reply-check-clean">{t("replyCheck.clean")}</p>}
      <ul>
        {findings.map((f, i) => (
          <li key={i} className={`reply-finding reply-finding-${f.severity}`}>
            <span className="reply-finding-badge">{t(`replyCheck.${f.severity}`)}</span>
            <span>
              {t(`replyCheck.code.${f.code}` as MessageKey)}
              {f.span && <q>{content.slice(f.span[0], f.span[1])}</q>}
            </span>
          </li>
        ))}
      </ul>
      {hasSpans && (
        <p className="reply-check-preview">
          <span>{t("replyCheck.preview")}：</span>
          {marked(content, findings)}
        </p>
      )}
      {blocked && <p className="reply-check-blocked">{t("replyCheck.blocked")}</p>}
    </section>
  );
}
