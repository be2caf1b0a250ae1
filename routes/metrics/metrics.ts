import { Router, type Request } from "express";
import { findDepartmentById } from "../../models/queries/directory.ts";
import { computeMetrics } from "../../models/queries/metrics.ts";
import type { Actor } from "../../server/auth/actor.ts";
import type { AppDeps } from "../../server/context.ts";
import { forbidden, validationFailed } from "../../server/errors.ts";
import { requireRole } from "../../server/middleware/authenticate.ts";
import { validate } from "../../server/middleware/validate.ts";
import { metricsCsv, metricsFilename, metricsXlsx, presentMetrics, type MetricsReportDto } from "../../server/presenters/metrics.ts";
import { shanghaiDate } from "../../server/rules/workCalendar.ts";
import { periodFigures } from "../../models/queries/serviceCentreStats.ts";
import { addHallSheet, hallCsv, hallFilename } from "../../server/presenters/hallExport.ts";
import { presentStats } from "../../server/presenters/serviceCentre.ts";
import { metricsExportQuery, metricsQuery } from "./schema.ts";

const DAY_MS = 86_400_000;
/** The longest period one report may cover. */
const MAX_SPAN_DAYS = 366;

/** [from, to): the asked period, or the current month in Asia/Shanghai; to after from, at most 366 days. */
export function resolvePeriod(query: { from?: Date; to?: Date }, now: Date): { from: Date; to: Date } {
  if (!query.from || !query.to) {
    const [year, month] = shanghaiDate(now).split("-").map(Number);
    const first = (y: number, m: number) => new Date(`${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-01T00:00:00+08:00`);
    return { from: first(year, month), to: month === 12 ? first(year + 1, 1) : first(year, month + 1) };
  }
  const { from, to } = query;
  if (to <= from) throw validationFailed([{ path: "query.to", message: "to must be after from" }]);
  if (to.getTime() - from.getTime() > MAX_SPAN_DAYS * DAY_MS) throw validationFailed([{ path: "query.to", message: `the period may span at most ${MAX_SPAN_DAYS} days` }]);
  return { from, to };
}

/** The department the actor's report covers: a department supervisor sees only their own (403 for another). */
export function metricsScope(actor: Actor, requested: string | undefined): string | null {
  if (actor.role === "supervisor" && actor.departmentId) {
    if (requested && requested !== actor.departmentId) throw forbidden({ zh: "只能查看本部门的统计", en: "You may only see your own department's metrics" });
    return actor.departmentId;
  }
  return requested ?? null;
}

/** Department metrics for supervisors and admins, as JSON or a CSV/XLSX download. */
export function metricsRouter(deps: AppDeps): Router {
  const router = Router();
  const db = deps.database.db;

  async function report(req: Request): Promise<MetricsReportDto> {
    const q = req.valid.query as { from?: Date; to?: Date; departmentId?: string };
    const now = deps.clock.now();
    const period = resolvePeriod(q, now);
    const departmentId = metricsScope(req.actor!, q.departmentId);
    if (departmentId && !(await findDepartmentById(db, departmentId))) throw validationFailed([{ path: "query.departmentId", message: "unknown department" }]);
    // One snapshot for all the aggregate queries, so the figures agree with each other.
    const result = await db.transaction((tx) => computeMetrics(tx, { ...period, now, departmentId }), { isolationLevel: "repeatable read", accessMode: "read only" });
    return presentMetrics(period, result);
  }

  router.get("/", requireRole("supervisor", "admin"), validate({ query: metricsQuery }), async (req, res) => {
    res.json(await report(req));
  });

  router.get("/export", requireRole("supervisor", "admin"), validate({ query: metricsExportQuery }), async (req, res) => {
    const { format, section } = req.valid.query as { format: "csv" | "xlsx"; section: "departments" | "hall" };
    const dto = await report(req);
    const period = { from: new Date(dto.from), to: new Date(dto.to) };
    const hall = presentStats(`${shanghaiDate(period.from)}/${shanghaiDate(period.to)}`, await periodFigures(db, period.from, period.to));
    const filename = section === "hall" && format === "csv" ? hallFilename(period) : metricsFilename(period, format);
    res.set("Content-Disposition", `attachment; filename="${filename}"`);
    res.set("Cache-Control", "no-store");
    if (format === "xlsx") {
      res.type("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet").send(await metricsXlsx(dto, (wb) => addHallSheet(wb, hall)));
    } else {
      res.type("text/csv; charset=utf-8").send(section === "hall" ? hallCsv(hall) : metricsCsv(dto));
    }
  });

  return router;
}
