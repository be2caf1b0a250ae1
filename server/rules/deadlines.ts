import type { CaseLimits } from "../../models/contracts.ts";
import type { CaseType, Priority, ReplyLimit } from "../../models/enums.ts";
import { DEFAULT_LIMITS } from "./limits.ts";
import { shanghaiDate, type WorkCalendar } from "./workCalendar.ts";
import { addWorkingHours, addWorkingTime, atShanghaiMinute, workingTimeBetween } from "./workingTime.ts";

export { BUSINESS_HOURS, addWorkingHours } from "./workingTime.ts";

/** End of business (17:30), when working-day deadlines fall. */
const END_OF_BUSINESS_MIN = 17 * 60 + 30;
const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;

/** Most working days that extensions may add to a reply deadline in total, by default. */
export const MAX_EXTENSION_DAYS = DEFAULT_LIMITS.extensionCapDays;
/** Working days after dispatch during which the lead department may return a case, by default. */
export const RETURN_WINDOW_DAYS = DEFAULT_LIMITS.returnWindowDays;

/** The N-th working day strictly after the Shanghai calendar date of `from`, at 17:30 Asia/Shanghai. */
export function addWorkingDays(cal: WorkCalendar, from: Date, n: number): Date {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`working days must be an integer >= 1, got ${n}`);
  let date = shanghaiDate(from);
  for (let i = 0; i < n; i++) date = cal.nextWorkingDay(date);
  return atShanghaiMinute(date, END_OF_BUSINESS_MIN);
}

/** The clocks started by a dispatch, and which limit set the reply clock. */
export interface DispatchDeadlines {
  signBy: Date;
  replyBy: Date;
  returnBy: Date;
  replyLimit: ReplyLimit;
}

/**
 * Sign, reply and return deadlines of a dispatch, by priority, type and the limits in force. A reopened
 * dispatch (a case closed at intake and reopened) gets the reopened reply limit instead of the type's.
 */
export function dispatchDeadlines(
  cal: WorkCalendar,
  dispatchedAt: Date,
  c: { type: CaseType; priority: Priority },
  limits: CaseLimits,
  opts: { reopened?: boolean } = {},
): DispatchDeadlines {
  const at = dispatchedAt.getTime();
  let signBy: Date;
  let replyBy: Date;
  let replyLimit: ReplyLimit;
  switch (c.priority) {
    case "critical":
      signBy = new Date(at + limits.criticalSignMinutes * MINUTE_MS);
      replyBy = new Date(at + limits.criticalReplyHours * HOUR_MS);
      replyLimit = "critical";
      break;
    case "urgent":
      signBy = addWorkingHours(cal, dispatchedAt, limits.urgentSignHours);
      replyBy = addWorkingDays(cal, dispatchedAt, limits.urgentReplyDays);
      replyLimit = "urgent";
      break;
    default:
      signBy = addWorkingHours(cal, dispatchedAt, limits.signHours);
      replyBy = addWorkingDays(cal, dispatchedAt, limits.replyDays[c.type]);
      replyLimit = "type";
  }
  if (opts.reopened) {
    replyBy = reopenReplyDeadline(cal, dispatchedAt, limits.reopenedReplyDays);
    replyLimit = "reopened";
  }
  return { signBy, replyBy, returnBy: addWorkingDays(cal, dispatchedAt, limits.returnWindowDays), replyLimit };
}

/** The callback (回访) deadline: N working days (default 1) after the reply. */
export function callbackDeadline(cal: WorkCalendar, repliedAt: Date, days = DEFAULT_LIMITS.callbackDays): Date {
  return addWorkingDays(cal, repliedAt, days);
}

/** The reply deadline of a reopened case (重办): N working days (default 3) after reopening. */
export function reopenReplyDeadline(cal: WorkCalendar, reopenedAt: Date, days = DEFAULT_LIMITS.reopenedReplyDays): Date {
  return addWorkingDays(cal, reopenedAt, days);
}

/** The reply deadline moved by an approved extension: the N-th working day after replyBy's date, at 17:30. */
export function extendDeadline(cal: WorkCalendar, replyBy: Date, days: number): Date {
  return addWorkingDays(cal, replyBy, days);
}

/** How a clock's span is measured: business time (hour and day limits) or calendar time (critical limits). */
export type ClockMeasure = "working" | "calendar";

/**
 * The instant when `share` (default 75 %) of a clock's span from start to due has elapsed, the span measured
 * in the clock's own time: business time for working-hour and working-day limits, so that nights, weekends
 * and holidays move no clock towards its warning; calendar time for calendar limits. Due itself when the
 * span is empty.
 */
export function warningAt(cal: WorkCalendar, start: Date, due: Date, measure: ClockMeasure, share = DEFAULT_LIMITS.warningShare): Date {
  const calendarSpan = due.getTime() - start.getTime();
  if (!(calendarSpan > 0)) return new Date(due.getTime());
  if (measure === "calendar") return new Date(start.getTime() + Math.round(calendarSpan * share));
  const span = workingTimeBetween(cal, start, due);
  if (!(span > 0)) return new Date(due.getTime());
  return addWorkingTime(cal, start, Math.round(span * share));
}

/** The automatic ladder after the reply deadline: 督办 and 挂牌督办 by the working days rule applied to replyBy. */
export function ladderDeadlines(cal: WorkCalendar, replyBy: Date, limits: Pick<CaseLimits, "superviseAfterDays" | "listAfterDays">): { supervise: Date; list: Date } {
  return { supervise: addWorkingDays(cal, replyBy, limits.superviseAfterDays), list: addWorkingDays(cal, replyBy, limits.listAfterDays) };
}

/** How many working days d satisfy shanghaiDate(from) < d <= shanghaiDate(to) (0 if `to` is not on a later date). */
export function workingDaysBetween(cal: WorkCalendar, from: Date, to: Date): number {
  const last = shanghaiDate(to);
  let date = shanghaiDate(from);
  let count = 0;
  for (;;) {
    date = cal.nextWorkingDay(date);
    if (date > last) return count;
    count++;
  }
}
