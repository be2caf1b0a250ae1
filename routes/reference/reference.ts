import type { WorkingDayDto } from "../../models/contracts.ts";
import { Router } from "express";
import { listCalendarYears, replaceCalendarYear } from "../../models/queries/calendar.ts";
import { listCategories, listDepartments } from "../../models/queries/directory.ts";
import type { AppDeps } from "../../server/context.ts";
import { validationFailed } from "../../server/errors.ts";
import { requireActor, requireRole } from "../../server/middleware/authenticate.ts";
import { validate } from "../../server/middleware/validate.ts";
import { presentCategory, presentDepartment } from "../../server/presenters/directory.ts";
import { addWorkingDays, addWorkingHours } from "../../server/rules/deadlines.ts";
import { calendarDaysBody, deadlineQuery, workingDayQuery } from "./schema.ts";

/** Departments, categories and the working calendar. */
export function referenceRouter(deps: AppDeps): Router {
  const router = Router();
  const db = deps.database.db;

  router.get("/departments", requireActor, async (_req, res) => {
    res.json((await listDepartments(db)).map(presentDepartment));
  });

  router.get("/categories", requireActor, async (_req, res) => {
    res.json((await listCategories(db)).map(presentCategory));
  });

  router.get("/calendar/working-day", requireActor, validate({ query: workingDayQuery }), async (req, res) => {
    const calendar = await deps.calendar.get();
    const day: WorkingDayDto = calendar.describe(req.valid.query.date);
    res.json(day);
  });

  router.get("/calendar/deadline", requireActor, validate({ query: deadlineQuery }), async (req, res) => {
    const { from, workingDays, workingHours } = req.valid.query as { from: Date; workingDays?: number; workingHours?: number };
    const calendar = await deps.calendar.get();
    const due = workingDays ? addWorkingDays(calendar, from, workingDays) : addWorkingHours(calendar, from, workingHours!);
    res.json({ from: from.toISOString(), due: due.toISOString() });
  });

  router.get("/calendar/years", requireActor, async (_req, res) => {
    const years = await listCalendarYears(db);
    res.json(years.map((y) => ({ year: y.year, source: y.source, days: y.days, loadedAt: y.loadedAt.toISOString() })));
  });

  router.put("/calendar/days", requireRole("admin"), validate({ body: calendarDaysBody }), async (req, res) => {
    const { year, source, days } = req.valid.body as { year: number; source: string; days: { date: string; working: boolean; name?: string | null }[] };
    const foreign = days.findIndex((d) => !d.date.startsWith(`${year}-`));
    if (foreign >= 0) throw validationFailed([{ path: `days.${foreign}.date`, message: `date must lie in ${year}` }]);
    await db.transaction((tx) => replaceCalendarYear(tx, year, source, days));
    deps.calendar.invalidate();
    const summary = (await listCalendarYears(db)).find((y) => y.year === year)!;
    res.json({ year, source: summary.source, days: summary.days, loadedAt: summary.loadedAt.toISOString() });
  });

  return router;
}
