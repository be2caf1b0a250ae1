import Joi from "joi";
import { id } from "../admin/schema.ts";

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?(Z|[+-]\d{2}:?\d{2})?$/;

/** Whether y-m-d names a real calendar date. */
function realDate(y: string, m: string, d: string): boolean {
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

const instant = Joi.string()
  .trim()
  .custom((value: string, helpers) => parseInstant(value) ?? helpers.error("instant.invalid"))
  .messages({ "instant.invalid": "{{#label}} must be an ISO date (2025-10-01) or date-time (2025-10-01T08:00:00Z)" });

/** GET /api/metrics: an optional period (both ends or neither) and department. */
export const metricsQuery = Joi.object({
  from: instant,
  to: instant,
  departmentId: id,
}).and("from", "to");

/** GET /api/metrics/export: the same, plus the file format. */
export const metricsExportQuery = metricsQuery.keys({
  format: Joi.string().valid("csv", "xlsx").default("csv"),
  // CSV holds one table: the departments (default) or the service centre's lines. XLSX holds both, as two sheets.
  section: Joi.string().valid("departments", "hall").default("departments"),
});
