// The package's static data (documented in its README), not its runtime API: chinese-days 1.5.7 builds its
// tables at import time in the process's local time zone, which shifts every date one day early west of UTC.
import chineseDaysData from "chinese-days/dist/chinese-days.json" with { type: "json" };
import type { WorkingDayReason } from "../../models/enums.ts";

/** One day whose working status differs from (or confirms) the Monday–Friday default, as stored in `calendar_days`. */
export interface CalendarOverride {
  /** Calendar date, YYYY-MM-DD. */
  date: string;
  working: boolean;
  name?: string | null;
}

/** Why a date is or is not a working day. */
export interface WorkingDayInfo {
  date: string;
  working: boolean;
  reason: WorkingDayReason;
  name?: string;
}

const DAY_MS = 86_400_000;
/** Asia/Shanghai is UTC+8 all year (no daylight saving time since 1991). */
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Milliseconds of UTC midnight of a YYYY-MM-DD date; throws RangeError on a malformed or impossible date. */
function dateToUtcMs(date: string): number {
  const m = typeof date === "string" ? DATE_RE.exec(date) : null;
  if (m) {
    const y = Number(m[1]);
    const mo = Number(m[2]);
    const d = Number(m[3]);
    const ms = Date.UTC(y, mo - 1, d);
    const back = new Date(ms);
    if (back.getUTCFullYear() === y && back.getUTCMonth() === mo - 1 && back.getUTCDate() === d) return ms;
  }
  throw new RangeError(`invalid calendar date: ${String(date)} (expected YYYY-MM-DD)`);
}

function utcMsToDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function dayOfWeek(date: string): number {
  return new Date(dateToUtcMs(date)).getUTCDay();
}

function isWeekend(date: string): boolean {
  const dow = dayOfWeek(date);
  return dow === 0 || dow === 6;
}

/** Working-day calendar: official overrides (holidays, adjusted working days) on top of Monday–Friday. */
export class WorkCalendar {
  private readonly overrides = new Map<string, CalendarOverride>();
  /** nextWorkingDay's answers: the calendar never changes after construction, and deadlines ask for the same days again and again. */
  private readonly nextCache = new Map<string, string>();

  /** Builds the calendar from override rows; a later row for the same date wins. */
  constructor(overrides: Iterable<CalendarOverride>) {
    for (const o of overrides) {
      dateToUtcMs(o.date);
      this.overrides.set(o.date, { date: o.date, working: o.working, name: o.name ?? null });
    }
  }

  /** Whether the date is a working day: the override if there is one, else Monday–Friday. */
  isWorkingDay(date: string): boolean {
    const o = this.overrides.get(date);
    if (o) return o.working;
    return !isWeekend(date);
  }

  /** The working status of a date and the reason for it. */
  describe(date: string): WorkingDayInfo {
    const weekend = isWeekend(date);
    const o = this.overrides.get(date);
    const name = o?.name ? { name: o.name } : {};
    if (o) {
      if (o.working) return { date, working: true, reason: weekend ? "adjusted_workday" : "workday", ...name };
      return { date, working: false, reason: "holiday", ...name };
    }
    return weekend ? { date, working: false, reason: "weekend" } : { date, working: true, reason: "workday" };
  }

  /** The first working day strictly after the date. */
  nextWorkingDay(date: string): string {
    const cached = this.nextCache.get(date);
    if (cached) return cached;
    let ms = dateToUtcMs(date);
    for (;;) {
      ms += DAY_MS;
      const d = utcMsToDate(ms);
      if (this.isWorkingDay(d)) {
        this.nextCache.set(date, d);
        return d;
      }
    }
  }
}

/** The calendar date (YYYY-MM-DD) of an instant in Asia/Shanghai. */
export function shanghaiDate(instant: Date): string {
  const t = instant.getTime();
  if (!Number.isFinite(t)) throw new RangeError("invalid instant");
  return utcMsToDate(t + SHANGHAI_OFFSET_MS);
}

/** The instant of the wall time hh:mm on the given date in Asia/Shanghai. */
export function shanghaiTime(date: string, hh: number, mm: number): Date {
  return new Date(dateToUtcMs(date) + (hh * 60 + mm) * 60_000 - SHANGHAI_OFFSET_MS);
}

/** chinese-days data: date → "English name,中文名,days" for holidays and for adjusted working days. */
const OFFICIAL: { holidays: Record<string, string>; workdays: Record<string, string> } = chineseDaysData;

/** Full official names for the short ones the chinese-days data uses. */
const HOLIDAY_NAMES: Record<string, string> = {
  清明: "清明节",
  端午: "端午节",
  中秋: "中秋节",
};

/** The Chinese holiday name out of a chinese-days name such as "National Day,国庆节,3". */
function chineseHolidayName(raw: string): string {
  const parts = raw.split(",");
  const zh = (parts.length >= 2 ? parts[1] : parts[0]).trim();
  return HOLIDAY_NAMES[zh] ?? zh;
}

/** Official holidays (working:false) and adjusted weekend working days (working:true) per year, from the chinese-days package data. */
export function defaultCalendarData(years: number[]): { year: number; days: CalendarOverride[] }[] {
  return years.map((year) => {
    if (!Number.isInteger(year) || year < 1000 || year > 9999) throw new RangeError(`invalid year: ${year}`);
    const prefix = `${year}-`;
    const days: CalendarOverride[] = [];
    // Statutory holiday days, including those on a Saturday or Sunday (ordinary weekends are not listed).
    for (const [date, raw] of Object.entries(OFFICIAL.holidays)) {
      if (date.startsWith(prefix)) days.push({ date, working: false, name: chineseHolidayName(raw) });
    }
    // Adjusted working days (调休上班), all on a Saturday or Sunday.
    for (const [date, raw] of Object.entries(OFFICIAL.workdays)) {
      if (date.startsWith(prefix)) days.push({ date, working: true, name: `${chineseHolidayName(raw)}调休` });
    }
    days.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
    return { year, days };
  });
}
