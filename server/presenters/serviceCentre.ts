/** The service centre's projections: tickets for their readers, and the board's payload with no personal data. */
import type { BoardCallDto, CentreStatsDto, HallDto, ServiceDto, TicketDto, WaitingCountDto } from "../../models/contracts.ts";
import type { ServiceRow, TicketRow } from "../../models/schema/index.ts";
import type { HallNow, LineDayFigures } from "../../models/queries/serviceCentreStats.ts";

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** A queue line. */
export function presentService(row: ServiceRow): ServiceDto {
  return { code: row.code, name: row.name, prefix: row.prefix, active: row.active, sort: row.sort };
}

/** Where a waiting ticket stands. */
export interface TicketPosition {
  aheadCount: number;
  estimatedWaitMinutes: number;
}

/** A ticket for whoever may read it (its holder, its enterprise, hall staff); the access code only at issue. */
export function presentTicket(row: TicketRow, position: TicketPosition, accessCode?: string): TicketDto {
  return {
    id: row.id,
    number: row.number,
    serviceCode: row.serviceCode,
    status: row.status,
    window: row.window,
    aheadCount: row.status === "waiting" ? position.aheadCount : 0,
    estimatedWaitMinutes: row.status === "waiting" ? position.estimatedWaitMinutes : 0,
    issuedAt: row.issuedAt.toISOString(),
    calledAt: iso(row.calledAt),
    servedAt: iso(row.servedAt),
    finishedAt: iso(row.finishedAt),
    caseId: row.caseId,
    outcome: (row.outcome as TicketDto["outcome"]) ?? null,
    phone: row.phone,
    enterpriseId: row.enterpriseId,
    ...(accessCode ? { accessCode } : {}),
  };
}

/** A call as the hall's board shows it: number, window, line and time, nothing else. */
export function presentCall(row: TicketRow): BoardCallDto {
  return { number: row.number, window: row.window ?? "", serviceCode: row.serviceCode, at: (row.lastCalledAt ?? row.calledAt ?? row.issuedAt).toISOString() };
}

const round1 = (n: number | null) => (n === null || n === undefined ? null : Math.round(n * 10) / 10);

/** A day's figures per line, with totals (averages weighted by the tickets each is taken over). */
export function presentStats(date: string, rows: LineDayFigures[]): CentreStatsDto {
  const services = rows.map((r) => ({ ...r, avgWaitMinutes: round1(r.avgWaitMinutes), avgServiceMinutes: round1(r.avgServiceMinutes) }));
  const sum = (k: "issued" | "called" | "served" | "missed" | "cancelled") => rows.reduce((n, r) => n + r[k], 0);
  const weighted = (key: "avgWaitMinutes" | "avgServiceMinutes", weight: "called" | "served") => {
    const w = sum(weight);
    return w ? round1(rows.reduce((n, r) => n + (r[key] ?? 0) * r[weight], 0) / w) : null;
  };
  return {
    date,
    services,
    totals: {
      issued: sum("issued"),
      called: sum("called"),
      served: sum("served"),
      missed: sum("missed"),
      cancelled: sum("cancelled"),
      avgWaitMinutes: weighted("avgWaitMinutes", "called"),
      avgServiceMinutes: weighted("avgServiceMinutes", "served"),
    },
  };
}

/** The hall now, for supervisors and clerks. */
export function presentHall(centreId: string, hall: HallNow, lines: WaitingCountDto[]): HallDto {
  return { centreId, ...hall, windows: hall.windows.map((w) => ({ ...w, since: w.since.toISOString() })), lines };
}
