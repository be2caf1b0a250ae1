/** Which deadline of a case is running now, how much of it is left, and its colour state. */
import type { CaseDto } from "../../../models/contracts.ts";
import type { DeadlineKind, DeadlineState } from "../../../models/enums.ts";

/** Colour of a countdown: normal, warning (≥ 75 % of the span used) or overdue. */
export type CountdownState = "normal" | "warning" | "overdue";

/** The fields of a case the deadline logic reads. */
export type DeadlineCase = Pick<
  CaseDto,
  "status" | "deadlines" | "overdue" | "dispatchedAt" | "repliedAt" | "reopenCount"
>;

export interface ActiveDeadline {
  kind: DeadlineKind;
  /** When the clock started (null when unknown). */
  start: string | null;
  due: string;
  /** The server already flagged this deadline as missed. */
  flaggedOverdue: boolean;
}

/** Share of a deadline's span after which it turns to "warning" (domain.md). */
export const WARNING_SHARE = 0.75;

/**
 * The deadline the case is running against in its status: signing while dispatched,
 * replying while in progress or in return review (the clock keeps running), the callback
 * once replied; none otherwise.
 */
export function activeDeadline(c: DeadlineCase): ActiveDeadline | null {
  const d = c.deadlines;
  switch (c.status) {
    case "dispatched":
      return d.signBy ? { kind: "sign", start: c.dispatchedAt, due: d.signBy, flaggedOverdue: c.overdue.sign } : null;
    case "in_progress":
    case "return_review": {
      if (!d.replyBy) return null;
      // A reopened case gets a fresh reply clock, which starts after the earlier reply.
      const start = c.reopenCount > 0 && c.repliedAt ? c.repliedAt : c.dispatchedAt;
      return { kind: "reply", start, due: d.replyBy, flaggedOverdue: c.overdue.reply };
    }
    case "replied":
      return d.callbackBy ? { kind: "callback", start: c.repliedAt, due: d.callbackBy, flaggedOverdue: false } : null;
    default:
      return null;
  }
}

/** State of a deadline from `start` to `due` at `now` (all epoch milliseconds; start may be NaN). */
export function deadlineState(start: number, due: number, now: number, warningShare = WARNING_SHARE): CountdownState {
  if (now >= due) return "overdue";
  const span = due - start;
  if (!Number.isFinite(span) || span <= 0) return "normal";
  return (now - start) / span >= warningShare ? "warning" : "normal";
}

const RANK: Record<CountdownState, number> = { normal: 0, warning: 1, overdue: 2 };

/** The more severe of two states (a server-pushed state never gets downgraded by the local clock). */
export function worseState(a: CountdownState, b: CountdownState | DeadlineState | undefined): CountdownState {
  if (!b) return a;
  return RANK[b] > RANK[a] ? b : a;
}

export interface Countdown {
  kind: DeadlineKind;
  due: string;
  state: CountdownState;
  /** due − now in milliseconds; negative when overdue. */
  remainingMs: number;
}

/** The live countdown of a case at `now`, or null when no deadline is running. */
export function caseCountdown(c: DeadlineCase, now: number, pushed?: DeadlineState): Countdown | null {
  const a = activeDeadline(c);
  if (!a) return null;
  const due = Date.parse(a.due);
  const start = a.start ? Date.parse(a.start) : NaN;
  let state = deadlineState(start, due, now);
  if (a.flaggedOverdue) state = "overdue";
  state = worseState(state, pushed);
  return { kind: a.kind, due: a.due, state, remainingMs: due - now };
}

/** Sort key: the running deadline's due time, cases without one last. */
export function deadlineSortKey(c: DeadlineCase): number {
  const a = activeDeadline(c);
  return a ? Date.parse(a.due) : Number.POSITIVE_INFINITY;
}

/** Orders cases by the running deadline, soonest (or most overdue) first; ties by due of reply. */
export function compareByDeadline(a: DeadlineCase, b: DeadlineCase): number {
  const ka = deadlineSortKey(a);
  const kb = deadlineSortKey(b);
  if (ka !== kb) return ka < kb ? -1 : 1;
  return 0;
}

/** Whether a running deadline of the case has passed at `now` (the API's `overdue=true` filter). */
export function isOverdueNow(c: DeadlineCase, now: number): boolean {
  const past = (iso: string | null) => !!iso && Date.parse(iso) < now;
  switch (c.status) {
    case "dispatched":
      return past(c.deadlines.signBy) || past(c.deadlines.replyBy);
    case "return_review":
    case "in_progress":
      return past(c.deadlines.replyBy);
    case "replied":
      return past(c.deadlines.callbackBy);
    default:
      return false;
  }
}
