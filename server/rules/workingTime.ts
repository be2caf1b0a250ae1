/**
 * Working-time arithmetic on the work calendar: business hours (08:30–12:00, 13:30–17:30 Asia/Shanghai)
 * on working days. Deadlines in working hours consume it; warnings measure a clock's span in it.
 */
import { shanghaiDate, shanghaiTime, type WorkCalendar } from "./workCalendar.ts";

/** Business hours on working days, as [open, close) in minutes after midnight Asia/Shanghai: 08:30–12:00 and 13:30–17:30. */
export const BUSINESS_HOURS: readonly (readonly [number, number])[] = [
  [8 * 60 + 30, 12 * 60],
  [13 * 60 + 30, 17 * 60 + 30],
];

const HOUR_MS = 3_600_000;

/** The instant of `minutes` after midnight Asia/Shanghai on the date. */
export function atShanghaiMinute(date: string, minutes: number): Date {
  return shanghaiTime(date, Math.floor(minutes / 60), minutes % 60);
}

/** The first working date on or after the Shanghai date of `from`. */
function firstWorkingDate(cal: WorkCalendar, from: Date): string {
  const date = shanghaiDate(from);
  return cal.isWorkingDay(date) ? date : cal.nextWorkingDay(date);
}

const MINUTE_MS = 60_000;

/** The instant when `ms` of business time, counted from `from` (or the next opening), have been consumed. */
export function addWorkingTime(cal: WorkCalendar, from: Date, ms: number): Date {
  if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`working time must be a finite number of ms >= 0, got ${ms}`);
  let remaining = Math.round(ms);
  let t = from.getTime();
  let date = firstWorkingDate(cal, from);
  for (;;) {
    const midnight = shanghaiTime(date, 0, 0).getTime();
    for (const [open, close] of BUSINESS_HOURS) {
      const openMs = midnight + open * MINUTE_MS;
      const closeMs = midnight + close * MINUTE_MS;
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

/** The instant when `hours` of business time, counted from `from` (or the next opening), have been consumed. */
export function addWorkingHours(cal: WorkCalendar, from: Date, hours: number): Date {
  if (!Number.isFinite(hours) || hours < 0) throw new RangeError(`working hours must be a finite number >= 0, got ${hours}`);
  return addWorkingTime(cal, from, hours * HOUR_MS);
}

/** Business time in ms between two instants (0 when `to` is not after `from`). */
export function workingTimeBetween(cal: WorkCalendar, from: Date, to: Date): number {
  const a = from.getTime();
  const b = to.getTime();
  if (!(b > a)) return 0;
  const last = shanghaiDate(to);
  let total = 0;
  for (let date = firstWorkingDate(cal, from); date <= last; date = cal.nextWorkingDay(date)) {
    const midnight = shanghaiTime(date, 0, 0).getTime();
    for (const [open, close] of BUSINESS_HOURS) {
      const start = Math.max(a, midnight + open * MINUTE_MS);
      const end = Math.min(b, midnight + close * MINUTE_MS);
      if (end > start) total += end - start;
    }
  }
  return total;
}
