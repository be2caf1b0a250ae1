/** Reads a pasted year schedule `{year, source, days:[{date, working, name}]}` and says what is wrong. */

export interface CalendarDay {
  date: string;
  working: boolean;
  name?: string | null;
}

export interface CalendarSchedule {
  year: number;
  source: string;
  days: CalendarDay[];
}

export type CalendarProblem =
  | { code: "json"; detail: string }
  | { code: "shape" }
  | { code: "year" }
  | { code: "source" }
  | { code: "days" }
  | { code: "day"; index: number }
  | { code: "foreign"; index: number }
  | { code: "duplicate"; index: number };

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

function isRealDate(s: string): boolean {
  if (!DATE_RE.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** Parses and checks the text; returns the schedule or the first problem found. */
export function parseCalendarSchedule(text: string): { ok: true; value: CalendarSchedule } | { ok: false; problem: CalendarProblem } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return { ok: false, problem: { code: "json", detail: (e as Error).message } };
  }
  if (!data || typeof data !== "object" || Array.isArray(data)) return { ok: false, problem: { code: "shape" } };
  const o = data as Record<string, unknown>;
  if (typeof o.year !== "number" || !Number.isInteger(o.year) || o.year < 2000 || o.year > 2100) return { ok: false, problem: { code: "year" } };
  if (typeof o.source !== "string" || !o.source.trim()) return { ok: false, problem: { code: "source" } };
  if (!Array.isArray(o.days) || o.days.length === 0) return { ok: false, problem: { code: "days" } };
  const seen = new Set<string>();
  const days: CalendarDay[] = [];
  for (let i = 0; i < o.days.length; i++) {
    const d = o.days[i] as Record<string, unknown> | null;
    if (!d || typeof d !== "object" || typeof d.date !== "string" || !isRealDate(d.date) || typeof d.working !== "boolean" || (d.name !== undefined && d.name !== null && typeof d.name !== "string")) {
      return { ok: false, problem: { code: "day", index: i } };
    }
    if (!d.date.startsWith(`${o.year}-`)) return { ok: false, problem: { code: "foreign", index: i } };
    if (seen.has(d.date)) return { ok: false, problem: { code: "duplicate", index: i } };
    seen.add(d.date);
    days.push({ date: d.date, working: d.working, name: (d.name as string | null | undefined) ?? null });
  }
  return { ok: true, value: { year: o.year, source: o.source.trim(), days } };
}

/** Counts for the preview: holidays (days off) and adjusted working days (调休上班). */
export function summarizeSchedule(s: CalendarSchedule): { holidays: number; workdays: number } {
  let holidays = 0;
  let workdays = 0;
  for (const d of s.days) {
    if (d.working) workdays++;
    else holidays++;
  }
  return { holidays, workdays };
}
