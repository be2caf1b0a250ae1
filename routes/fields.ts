/** Field validators shared by the resources' schemas. */
import Joi from "joi";

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?(Z|[+-]\d{2}:?\d{2})?$/;

/** Whether y-m-d names a real calendar date in 1900–4999 (deadlines computed from it stay within what the calendar handles). */
function realDate(y: string, m: string, d: string): boolean {
  if (Number(y) < 1900 || Number(y) > 4999) return false;
  const ms = Date.UTC(Number(y), Number(m) - 1, Number(d));
  return new Date(ms).toISOString().slice(0, 10) === `${y}-${m}-${d}`;
}

/**
 * The instant of an ISO date or date-time: a bare date is midnight Asia/Shanghai (the city's day),
 * a date-time without offset is Asia/Shanghai wall time; null when malformed or impossible.
 */
export function parseInstant(value: string): Date | null {
  const date = DATE_ONLY.exec(value);
  if (date) return realDate(date[1], date[2], date[3]) ? new Date(`${value}T00:00:00+08:00`) : null;
  const dt = DATE_TIME.exec(value);
  if (!dt || !realDate(dt[1], dt[2], dt[3]) || Number(dt[4]) > 23 || Number(dt[5]) > 59 || Number(dt[6] ?? 0) > 59) return null;
  const instant = new Date(dt[7] ? value : `${value}+08:00`);
  return Number.isNaN(instant.getTime()) ? null : instant;
}

/** An instant given as an ISO date or date-time; impossible dates (2025-02-30) are refused, never rolled over. */
export const instant = Joi.string()
  .trim()
  .custom((value: string, helpers) => parseInstant(value) ?? helpers.error("instant.invalid"))
  .messages({ "instant.invalid": "{{#label}} must be an ISO date (2025-10-01) or date-time (2025-10-01T08:00:00Z)" });

/** Characters that show nothing: white space, format (zero-width, direction marks) and control characters. */
const INVISIBLE = /[\p{White_Space}\p{Cf}\p{Cc}\p{Co}\p{Cn}]/gu;

/** Trimmed text of 1–max characters of which at least one is visible (a title of zero-width spaces is refused). */
export function visibleText(max: number) {
  return Joi.string()
    .trim()
    .min(1)
    .max(max)
    .custom((value: string, helpers) => (value.replace(INVISIBLE, "").length > 0 ? value : helpers.error("text.invisible")))
    .messages({ "text.invisible": "{{#label}} must contain visible characters" });
}
