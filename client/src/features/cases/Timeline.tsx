/** The case timeline: one line per event with time, actor role, what happened and its details. */
import type { CaseEventDto } from "../../../../models/contracts.ts";
import { ACTIONS, RETURN_REASONS, type ReturnReason } from "../../../../models/enums.ts";
import { useI18n, type MessageKey, type TFunction } from "../../i18n/index.tsx";
import { formatDateTime } from "../../lib/format.ts";
import { useReference } from "../reference/ReferenceContext.tsx";

const KNOWN_EVENTS = new Set<string>([...ACTIONS, "intake", "deadline", "escalate", "service_ticket", "reply-override"]);
const ROLES_SHOWN = new Set(["enterprise", "operator", "clerk", "handler", "supervisor", "admin", "integration", "system"]);

function eventLabel(e: CaseEventDto, t: TFunction): string {
  if (!KNOWN_EVENTS.has(e.action)) return e.action;
  if ((e.action === "decide-return" || e.action === "decide-extension") && typeof e.data.approve === "boolean") {
    return t(`event.${e.action}.${e.data.approve ? "approved" : "rejected"}` as MessageKey);
  }
  if (e.action === "callback" && e.data.reached === false) return t("event.callback.unreached");
  return t(`event.${e.action}` as MessageKey);
}

function str(x: unknown): string | null {
  return typeof x === "string" && x.trim() ? x : null;
}

/** Human lines of an event's data (known keys only, in a sensible order). */
function details(e: CaseEventDto, t: TFunction, dept: (id: string) => string): string[] {
  const d = e.data ?? {};
  const lines: string[] = [];
  if (str(d.departmentId)) lines.push(`${t("timeline.department")}: ${dept(d.departmentId as string)}`);
  if (Array.isArray(d.coDepartmentIds) && d.coDepartmentIds.length) lines.push(`${t("timeline.coDepartments")}: ${(d.coDepartmentIds as string[]).map(dept).join("、")}`);
  if (str(d.reason)) {
    const r = d.reason as string;
    lines.push(`${t("timeline.reason")}: ${RETURN_REASONS.includes(r as ReturnReason) ? t(`returnReason.${r as ReturnReason}`) : r}`);
  }
  if (str(d.suggestedDepartmentId)) lines.push(`${t("timeline.suggested")}: ${dept(d.suggestedDepartmentId as string)}`);
  if (str(d.ticketNumber)) lines.push(`${t("timeline.ticketNumber")}: ${d.ticketNumber as string}`);
  if (typeof d.days === "number") lines.push(t("timeline.days", { n: d.days }));
  if (typeof d.satisfaction === "number" && d.satisfaction >= 1 && d.satisfaction <= 5) lines.push(`${t("timeline.satisfaction")}: ${t(`satisfaction.${d.satisfaction as 1 | 2 | 3 | 4 | 5}`)}`);
  if (e.action === "escalate" && typeof d.level === "number" && d.level >= 1 && d.level <= 3) lines.push(t(`escalation.${d.level as 1 | 2 | 3}`));
  if (e.action === "deadline" && str(d.kind)) {
    const kind = d.kind as "sign" | "reply" | "callback";
    lines.push(`${t(`deadlineKind.${kind}`)} · ${d.state === "overdue" ? t("countdownState.overdue") : t("countdownState.warning")}`);
  }
  for (const key of ["content", "answer", "note", "comment"] as const) if (str(d[key])) lines.push(d[key] as string);
  return lines;
}

export function Timeline({ events, showVisibility }: { events: CaseEventDto[]; showVisibility: boolean }) {
  const { t } = useI18n();
  const { departmentName } = useReference();
  if (events.length === 0) return <p className="muted">{t("timeline.empty")}</p>;
  const sorted = [...events].sort((a, b) => a.seq - b.seq);
  return (
    <ol className="timeline">
      {sorted.map((e) => (
        <li key={e.id} className={`timeline-item timeline-${e.action}`}>
          <div className="timeline-head">
            <span className="timeline-action">{eventLabel(e, t)}</span>
            <span className="timeline-actor">{ROLES_SHOWN.has(e.actorRole) ? t(`actor.${e.actorRole as "system"}`) : e.actorRole}</span>
            <time dateTime={e.at}>{formatDateTime(e.at)}</time>
            {showVisibility && !e.public && <span className="badge badge-muted">{t("timeline.internal")}</span>}
          </div>
          {details(e, t, (id) => departmentName(id)).map((line, i) => (
            <p key={i} className="timeline-detail">
              {line}
            </p>
          ))}
        </li>
      ))}
    </ol>
  );
}
