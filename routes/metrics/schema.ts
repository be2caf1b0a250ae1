import Joi from "joi";
import { id } from "../admin/schema.ts";
import { instant } from "../fields.ts";

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
