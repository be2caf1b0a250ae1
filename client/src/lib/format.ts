/** Formatting of times, durations and messages; pure so both languages and tests share it. */

/** China Standard Time has no daylight saving: UTC+8 all year. */
const SHANGHAI_OFFSET_MS = 8 * 3600 * 1000;

function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** "2025-10-10 17:30" in Asia/Shanghai for an ISO time; "" for null/invalid. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return "";
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return "";
  const d = new Date(t + SHANGHAI_OFFSET_MS);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

/** "2025-10-10" in Asia/Shanghai for an ISO time or a Date; "" for null/invalid. */
export function formatDate(iso: string | Date | null | undefined): string {
  if (!iso) return "";
  const t = typeof iso === "string" ? Date.parse(iso) : iso.getTime();
  if (Number.isNaN(t)) return "";
  const d = new Date(t + SHANGHAI_OFFSET_MS);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** The ISO instant of 00:00 Asia/Shanghai on a "YYYY-MM-DD" date (for period filters). */
export function shanghaiDayStart(date: string): string {
  const [y, m, d] = date.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d) - SHANGHAI_OFFSET_MS).toISOString();
}

/** Unit words for durations, taken from the i18n dictionary. */
export interface DurationUnits {
  day: string;
  hour: string;
  minute: string;
  lessThanMinute: string;
  /** Put between number-unit pairs ("" in Chinese, " " in English). */
  separator: string;
}

/** A human duration of at most two units: "2天3小时", "3h 20m", "<1 min"; sign ignored. */
export function formatDuration(ms: number, u: DurationUnits): string {
  const total = Math.floor(Math.abs(ms) / 60000);
  if (total < 1) return u.lessThanMinute;
  const days = Math.floor(total / 1440);
  const hours = Math.floor((total % 1440) / 60);
  const minutes = total % 60;
  const parts: string[] = [];
  if (days > 0) {
    parts.push(`${days}${u.day}`);
    if (hours > 0) parts.push(`${hours}${u.hour}`);
  } else if (hours > 0) {
    parts.push(`${hours}${u.hour}`);
    if (minutes > 0) parts.push(`${minutes}${u.minute}`);
  } else {
    parts.push(`${minutes}${u.minute}`);
  }
  return parts.join(u.separator);
}

/** Replaces {name} placeholders with values; unknown placeholders stay as they are. */
export function interpolate(template: string, vars?: Record<string, string | number>): string {
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

/** A rate 0..1 (or null) as a percentage with one decimal: "87.5%"; "—" when null. */
export function formatRate(rate: number | null | undefined): string {
  if (rate === null || rate === undefined || Number.isNaN(rate)) return "—";
  return `${(Math.round(rate * 1000) / 10).toFixed(1)}%`;
}

/** Counts characters as the server's length limits do (UTF-16 code units; a Chinese character is one). */
export function charCount(s: string): number {
  return s.length;
}
