import { asc, eq, sql } from "drizzle-orm";
import type { Executor } from "../db.ts";
import { calendarDays, calendarYears } from "../schema/index.ts";

/** Every stored calendar override. */
export function listCalendarDays(ex: Executor) {
  return ex.select().from(calendarDays).orderBy(asc(calendarDays.date));
}

/** The years with official data, with how many override days each has. */
export async function listCalendarYears(ex: Executor) {
  return ex
    .select({
      year: calendarYears.year,
      source: calendarYears.source,
      loadedAt: calendarYears.loadedAt,
      days: sql<number>`count(${calendarDays.date})::int`,
    })
    .from(calendarYears)
    .leftJoin(calendarDays, eq(calendarDays.year, calendarYears.year))
    .groupBy(calendarYears.year, calendarYears.source, calendarYears.loadedAt)
    .orderBy(asc(calendarYears.year));
}

/** Replaces one year's overrides and records where they came from. */
export async function replaceCalendarYear(
  ex: Executor,
  year: number,
  source: string,
  days: { date: string; working: boolean; name?: string | null }[],
) {
  await ex.delete(calendarDays).where(eq(calendarDays.year, year));
  if (days.length) {
    await ex.insert(calendarDays).values(days.map((d) => ({ date: d.date, year, working: d.working, name: d.name ?? null })));
  }
  await ex
    .insert(calendarYears)
    .values({ year, source, loadedAt: new Date() })
    .onConflictDoUpdate({ target: calendarYears.year, set: { source, loadedAt: new Date() } });
}
