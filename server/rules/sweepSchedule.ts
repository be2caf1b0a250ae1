import type { CaseLimitsInput } from "../../models/contracts.ts";
import type { DeadlineKind, DeadlineState, Status } from "../../models/enums.ts";
import { ladderDeadlines, warningAt, type ClockMeasure } from "./deadlines.ts";
import { caseLimits } from "./limits.ts";
import type { WorkCalendar } from "./workCalendar.ts";

/** The deadline fields of a case the sweeper looks at. */
export interface SweepView {
  status: Status | string;
  priority: string;
  dispatchedAt: Date | null;
  repliedAt: Date | null;
  signedAt: Date | null;
  signBy: Date | null;
  replyBy: Date | null;
  callbackBy: Date | null;
  signState: number;
  replyState: number;
  callbackState: number;
  escalation: number;
  /** When the running reply clock started (dispatch or reopen); null: at dispatch. */
  replyStartedAt: Date | null;
  /** Which limit set the reply clock; null (cases dispatched before it was kept): by priority. */
  replyLimit: string | null;
  /** The limits snapshot the clocks run on; null: the defaults. */
  limits: CaseLimitsInput | null;
}

/** One thing the sweeper must record: a deadline warning/overdue, or an automatic escalation step. */
export type SweepStep =
  | { kind: DeadlineKind; state: DeadlineState; at: Date }
  | { kind: "escalation"; level: 1 | 2 | 3; at: Date };

const REPLY_CLOCK_STATUSES = new Set(["dispatched", "return_review", "in_progress"]);

/** Calendar time for the critical limits (30 minutes, 24 hours), business time for the others. */
function replyMeasure(c: SweepView): ClockMeasure {
  return (c.replyLimit ?? (c.priority === "critical" ? "critical" : "type")) === "critical" ? "calendar" : "working";
}

/** Every step still ahead for the case, in time order (due or not). */
export function pendingSteps(c: SweepView, cal: WorkCalendar): SweepStep[] {
  const steps: SweepStep[] = [];
  const limits = caseLimits(c);
  const clock = (kind: DeadlineKind, start: Date | null, due: Date | null, state: number, measure: ClockMeasure) => {
    if (!start || !due) return;
    if (state < 1) steps.push({ kind, state: "warning", at: warningAt(cal, start, due, measure, limits.warningShare) });
    if (state < 2) steps.push({ kind, state: "overdue", at: due });
  };
  if (c.status === "dispatched" && !c.signedAt) clock("sign", c.dispatchedAt, c.signBy, c.signState, c.priority === "critical" ? "calendar" : "working");
  if (REPLY_CLOCK_STATUSES.has(c.status) && c.replyBy) {
    clock("reply", c.replyStartedAt ?? c.dispatchedAt, c.replyBy, c.replyState, replyMeasure(c));
    // The automatic ladder: overdue ⇒ 催办; then 督办 and 挂牌督办 by the working days rule applied to replyBy.
    if (c.escalation < 3) {
      const ladder = ladderDeadlines(cal, c.replyBy, limits);
      if (c.escalation < 1) steps.push({ kind: "escalation", level: 1, at: c.replyBy });
      if (c.escalation < 2) steps.push({ kind: "escalation", level: 2, at: ladder.supervise });
      steps.push({ kind: "escalation", level: 3, at: ladder.list });
    }
  }
  if (c.status === "replied") clock("callback", c.repliedAt, c.callbackBy, c.callbackState, "working");
  return steps.sort((a, b) => a.at.getTime() - b.at.getTime());
}

/** When the sweeper next needs to look at the case (null: never, until something changes). */
export function nextSweepAt(c: SweepView, cal: WorkCalendar): Date | null {
  return pendingSteps(c, cal)[0]?.at ?? null;
}
