import type { DeadlineKind, DeadlineState, Status } from "../../models/enums.ts";
import { warningAt } from "./deadlines.ts";
import { shanghaiDate, shanghaiTime, type WorkCalendar } from "./workCalendar.ts";

/** The deadline fields of a case the sweeper looks at. */
export interface SweepView {
  status: Status | string;
  dispatchedAt: Date | null;
  repliedAt: Date | null;
  signedAt: Date | null;
  signBy: Date | null;
  replyBy: Date | null;
  callbackBy: Date | null;
  signState: number;
  replyState: number;
  callbackState: number;
  replyOverdueAt: Date | null;
  escalation: number;
}

/** One thing the sweeper must record: a deadline warning/overdue, or an automatic escalation step. */
export type SweepStep =
  | { kind: DeadlineKind; state: DeadlineState; at: Date }
  | { kind: "escalation"; level: 1 | 2 | 3; at: Date };

const REPLY_CLOCK_STATUSES = new Set(["dispatched", "return_review", "in_progress"]);

/** Midnight (Asia/Shanghai) starting the n-th working day after the date of `from`. */
function startOfNthWorkingDayAfter(cal: WorkCalendar, from: Date, n: number): Date {
  let date = shanghaiDate(from);
  for (let i = 0; i < n; i++) date = cal.nextWorkingDay(date);
  return shanghaiTime(date, 0, 0);
}

/** Every step still ahead for the case, in time order (due or not). */
export function pendingSteps(c: SweepView, cal: WorkCalendar): SweepStep[] {
  const steps: SweepStep[] = [];
  const clock = (kind: DeadlineKind, start: Date | null, due: Date | null, state: number) => {
    if (!start || !due) return;
    if (state < 1) steps.push({ kind, state: "warning", at: warningAt(start, due) });
    if (state < 2) steps.push({ kind, state: "overdue", at: due });
  };
  if (c.status === "dispatched" && !c.signedAt) clock("sign", c.dispatchedAt, c.signBy, c.signState);
  if (REPLY_CLOCK_STATUSES.has(c.status)) {
    clock("reply", c.dispatchedAt, c.replyBy, c.replyState);
    // The automatic ladder: overdue ⇒ 催办; 1 working day later ⇒ 督办; 5 working days later ⇒ 挂牌督办.
    const overdueAt = c.replyOverdueAt ?? (c.replyState < 2 ? c.replyBy : null);
    if (overdueAt) {
      if (c.escalation < 1) steps.push({ kind: "escalation", level: 1, at: overdueAt });
      if (c.escalation < 2) steps.push({ kind: "escalation", level: 2, at: startOfNthWorkingDayAfter(cal, overdueAt, 1) });
      if (c.escalation < 3) steps.push({ kind: "escalation", level: 3, at: startOfNthWorkingDayAfter(cal, overdueAt, 5) });
    }
  }
  if (c.status === "replied") clock("callback", c.repliedAt, c.callbackBy, c.callbackState);
  return steps.sort((a, b) => a.at.getTime() - b.at.getTime());
}

/** When the sweeper next needs to look at the case (null: never, until something changes). */
export function nextSweepAt(c: SweepView, cal: WorkCalendar): Date | null {
  return pendingSteps(c, cal)[0]?.at ?? null;
}
