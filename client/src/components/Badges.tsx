/** Status, escalation, priority and satisfaction badges, and the live deadline countdown. */
import type { CaseDto } from "../../../models/contracts.ts";
import type { DeadlineState, Priority, Status } from "../../../models/enums.ts";
import { useI18n } from "../i18n/index.tsx";
import { caseCountdown } from "../lib/deadline.ts";
import { formatDateTime, formatDuration } from "../lib/format.ts";
import { useNow } from "./useNow.ts";

export function StatusBadge({ status }: { status: Status }) {
  const { t } = useI18n();
  return <span className={`badge status status-${status}`}>{t(`status.${status}`)}</span>;
}

export function EscalationBadge({ level }: { level: number }) {
  const { t } = useI18n();
  if (level !== 1 && level !== 2 && level !== 3) return null;
  return <span className={`badge escalation escalation-${level}`}>{t(`escalation.${level}`)}</span>;
}

export function PriorityBadge({ priority }: { priority: Priority }) {
  const { t } = useI18n();
  if (priority === "normal") return null;
  return <span className={`badge priority priority-${priority}`}>{t(`priority.${priority}`)}</span>;
}

export function SatisfactionBadge({ value }: { value: number | null }) {
  const { t } = useI18n();
  if (value !== 1 && value !== 2 && value !== 3 && value !== 4 && value !== 5) return null;
  return <span className={`badge satisfaction ${value <= 2 ? "satisfaction-bad" : "satisfaction-good"}`}>{t(`satisfaction.${value}`)}</span>;
}

/** The running deadline of a case, counting down live, coloured normal / warning / overdue. */
export function Countdown({ kase, pushed, compact }: { kase: CaseDto; pushed?: DeadlineState; compact?: boolean }) {
  const { t, units } = useI18n();
  const now = useNow();
  const cd = caseCountdown(kase, now, pushed);
  if (!cd) return <span className="countdown countdown-none">—</span>;
  const amount = formatDuration(cd.remainingMs, units);
  const text = cd.remainingMs < 0 ? t("countdown.overdueBy", { t: amount }) : t("countdown.remaining", { t: amount });
  const title = t("countdown.due", { kind: t(`deadlineKind.${cd.kind}`), time: formatDateTime(cd.due) });
  return (
    <span className={`countdown countdown-${cd.state}`} title={title}>
      <span className="countdown-dot" aria-hidden="true" />
      {!compact && <span className="countdown-kind">{t(`deadlineKind.${cd.kind}`)}</span>}
      <span className="countdown-text">{text}</span>
      <span className="sr-only">
        {" "}
        {title} {t(`countdownState.${cd.state}`)}
      </span>
    </span>
  );
}
