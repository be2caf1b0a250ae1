/** The service centre's figures: per line and day, and the hall as it stands now. */
import { sql, type SQL } from "drizzle-orm";
import type { ServiceStatsDto } from "../contracts.ts";
import { queryRows, type Executor } from "../db.ts";
import { services, tickets } from "../schema/index.ts";

/** One line's figures for a day or period (the API's shape: api-extensions.md, stats). */
export type LineDayFigures = ServiceStatsDto;

/** Figures per line (every line that is active or issued that day) for one Asia/Shanghai day. */
export function dayFigures(ex: Executor, day: string): Promise<LineDayFigures[]> {
  return lineFigures(ex, sql`t.day = ${day}`);
}

/** Figures per line over the tickets issued in [from, to) (the metrics export's period). */
export function periodFigures(ex: Executor, from: Date, to: Date): Promise<LineDayFigures[]> {
  return lineFigures(ex, sql`t.issued_at >= ${from.toISOString()}::timestamptz and t.issued_at < ${to.toISOString()}::timestamptz`);
}

function lineFigures(ex: Executor, ticketFilter: SQL): Promise<LineDayFigures[]> {
  return queryRows(
    ex,
    sql`select s.code as "serviceCode", s.name,
      count(t.id)::int as issued,
      (count(t.id) filter (where t.called_at is not null))::int as called,
      (count(t.id) filter (where t.status = 'done'))::int as served,
      (count(t.id) filter (where t.status = 'missed'))::int as missed,
      (count(t.id) filter (where t.status = 'cancelled'))::int as cancelled,
      (avg(extract(epoch from t.called_at - t.issued_at)) filter (where t.called_at is not null) / 60)::float8 as "avgWaitMinutes",
      (avg(extract(epoch from t.finished_at - t.served_at)) filter (where t.status = 'done' and t.served_at is not null) / 60)::float8 as "avgServiceMinutes"
      from ${services} s left join ${tickets} t on t.service_code = s.code and ${ticketFilter}
      group by s.code, s.name, s.sort, s.active
      having s.active or count(t.id) > 0
      order by s.sort, s.code`,
  );
}

/** A window with a ticket at it now. */
export interface WindowNow {
  window: string;
  number: string;
  serviceCode: string;
  status: "called" | "serving";
  since: Date;
}

/** The hall now: who waits, for how long the longest has waited, and which windows are open. */
export interface HallNow {
  waiting: number;
  longestWaitMinutes: number;
  windowsOpen: number;
  windows: WindowNow[];
}

/** The hall as it stands at `now` on `day`; a window is open when it has a ticket or called one in the last `openMinutes`. */
export async function hallNow(ex: Executor, day: string, now: Date, openMinutes: number): Promise<HallNow> {
  const since = new Date(now.getTime() - openMinutes * 60_000).toISOString();
  const at = now.toISOString();
  const [head] = await queryRows<{ waiting: number; longest: number | null; open: number }>(
    ex,
    sql`select (count(*) filter (where status = 'waiting'))::int as waiting,
      (max(extract(epoch from ${at}::timestamptz - issued_at)) filter (where status = 'waiting') / 60)::float8 as longest,
      (count(distinct "window") filter (where status in ('called', 'serving') or last_called_at >= ${since}::timestamptz))::int as open
      from ${tickets} where day = ${day}`,
  );
  const windows = await queryRows<WindowNow & { since: Date | string }>(
    ex,
    sql`select distinct on ("window") "window", number, service_code as "serviceCode", status, coalesce(served_at, last_called_at) as since
      from ${tickets} where day = ${day} and status in ('called', 'serving') order by "window", last_called_at desc`,
  );
  return {
    waiting: head?.waiting ?? 0,
    longestWaitMinutes: Math.max(0, Math.floor(head?.longest ?? 0)),
    windowsOpen: head?.open ?? 0,
    windows: windows.map((w) => ({ ...w, since: new Date(w.since) })),
  };
}
