import type { CaseType, Priority } from "../../models/enums.ts";
import { shanghaiDate, shanghaiTime, type WorkCalendar } from "./workCalendar.ts";

/** Business hours on working days, as [open, close) in minutes after midnight Asia/Shanghai: 08:30–12:00 and 13:30–17:30. */
export const BUSINESS_HOURS: readonly (readonly [number, number])[] = [
  [8 * 60 + 30, 12 * 60],
  [13 * 60 + 30, 17 * 60 + 30],
];

/** End of business (17:30), when working-day deadlines fall. */
const END_OF_BUSINESS_MIN = 17 * 60 + 30;
const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;

/** Most working days that extensions may add to a reply deadline in total. */
export const MAX_EXTENSION_DAYS = 10;
/** Working days after dispatch during which the lead department may return a case. */
export const RETURN_WINDOW_DAYS = 2;

/** Working days of a consultation's reply deadline at most. */
const CONSULTATION_REPLY_DAYS = 2;
const URGENT_SIGN_HOURS = 1;
const CRITICAL_SIGN_MS = 30 * MINUTE_MS;
const URGENT_REPLY_DAYS = 1;
const CRITICAL_REPLY_MS = 24 * HOUR_MS;
const CALLBACK_DAYS = 1;
const REOPEN_REPLY_DAYS = 3;

function atShanghaiMinute(date: string, minutes: number): Date {
  return shanghaiTime(date, Math.floor(minutes / 60), minutes % 60);
}

/** The N-th working day strictly after the Shanghai calendar date of `from`, at 17:30 Asia/Shanghai. */
export function addWorkingDays(cal: WorkCalendar, from: Date, n: number): Date {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`working days must be an integer >= 1, got ${n}`);
  let date = shanghaiDate(from);
  for (let i = 0; i < n; i++) date = cal.nextWorkingDay(date);
  return atShanghaiMinute(date, END_OF_BUSINESS_MIN);
}

/** The instant when `hours` of business time, counted from `from` (or the next opening), have been consumed. */
export function addWorkingHours(cal: WorkCalendar, from: Date, hours: number): Date {
  if (!Number.isFinite(hours) || hours < 0) throw new RangeError(`working hours must be a finite number >= 0, got ${hours}`);
  let remaining = Math.round(hours * HOUR_MS);
  let t = from.getTime();
  let date = shanghaiDate(from);
  if (!cal.isWorkingDay(date)) date = cal.nextWorkingDay(date);
  for (;;) {
    for (const [open, close] of BUSINESS_HOURS) {
      const openMs = atShanghaiMinute(date, open).getTime();
      const closeMs = atShanghaiMinute(date, close).getTime();
      if (t > closeMs) continue;
      const start = Math.max(t, openMs);
      const available = closeMs - start;
      // `<=`: a span that ends exactly at closing time ends there (12:00 stays 12:00).
      if (remaining <= available) return new Date(start + remaining);
      remaining -= available;
      t = closeMs;
    }
    date = cal.nextWorkingDay(date);
  }
}

/** Sign and reply limits of a case's category (defaults: 2 working hours, 5 working days). */
export interface DeadlineLimits {
  signHours: number;
  replyDays: number;
}

/** The clocks started by a dispatch. */
export interface DispatchDeadlines {
  signBy: Date;
  replyBy: Date;
  returnBy: Date;
}

/** Sign, reply and return deadlines of a dispatch, by priority, type and the category's limits. */
export function dispatchDeadlines(
  cal: WorkCalendar,
  dispatchedAt: Date,
  c: { type: CaseType; priority: Priority },
  limits: DeadlineLimits,
): DispatchDeadlines {
  let signBy: Date;
  let replyBy: Date;
  switch (c.priority) {
    case "critical":
      signBy = new Date(dispatchedAt.getTime() + CRITICAL_SIGN_MS);
      replyBy = new Date(dispatchedAt.getTime() + CRITICAL_REPLY_MS);
      break;
    case "urgent":
      signBy = addWorkingHours(cal, dispatchedAt, URGENT_SIGN_HOURS);
      replyBy = addWorkingDays(cal, dispatchedAt, URGENT_REPLY_DAYS);
      break;
    default: {
      signBy = addWorkingHours(cal, dispatchedAt, limits.signHours);
      const days = c.type === "consultation" ? Math.min(CONSULTATION_REPLY_DAYS, limits.replyDays) : limits.replyDays;
      replyBy = addWorkingDays(cal, dispatchedAt, days);
    }
  }
  return { signBy, replyBy, returnBy: addWorkingDays(cal, dispatchedAt, RETURN_WINDOW_DAYS) };
}

/** The callback (回访) deadline: 1 working day after the reply. */
export function callbackDeadline(cal: WorkCalendar, repliedAt: Date): Date {
  return addWorkingDays(cal, repliedAt, CALLBACK_DAYS);
}

/** The reply deadline of a reopened case (重办): 3 working days after reopening. */
export function reopenReplyDeadline(cal: WorkCalendar, reopenedAt: Date): Date {
  return addWorkingDays(cal, reopenedAt, REOPEN_REPLY_DAYS);
}

/** The reply deadline moved by an approved extension: the N-th working day after replyBy's date, at 17:30. */
export function extendDeadline(cal: WorkCalendar, replyBy: Date, days: number): Date {
  return addWorkingDays(cal, replyBy, days);
}

/** The instant when 75 % of the span from start to due has elapsed (due itself if the span is not positive). */
export function warningAt(start: Date, due: Date): Date {
  const span = due.getTime() - start.getTime();
  if (!(span > 0)) return new Date(due.getTime());
  return new Date(start.getTime() + Math.round(span * 0.75));
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
