/** Data access of the service centre: lines, tickets, the daily counter and the hall's figures. */
import { and, asc, desc, eq, inArray, isNotNull, ne, sql } from "drizzle-orm";
import type { TicketStatus } from "../enums.ts";
import { queryRows, type Executor } from "../db.ts";
import { services, ticketNumbers, tickets, type NewTicketRow, type ServiceRow, type TicketRow } from "../schema/index.ts";

/** The lines, in board order (active only when asked). */
export function listServices(ex: Executor, opts: { activeOnly?: boolean } = {}): Promise<ServiceRow[]> {
  const q = ex.select().from(services);
  return (opts.activeOnly ? q.where(eq(services.active, true)) : q).orderBy(asc(services.sort), asc(services.code));
}

export async function findService(ex: Executor, code: string): Promise<ServiceRow | undefined> {
  const [row] = await ex.select().from(services).where(eq(services.code, code));
  return row;
}

/** Another active line using this prefix (numbers would collide on the board). */
export async function findActivePrefixOwner(ex: Executor, prefix: string, exceptCode: string): Promise<ServiceRow | undefined> {
  const [row] = await ex
    .select()
    .from(services)
    .where(and(eq(services.prefix, prefix), eq(services.active, true), ne(services.code, exceptCode)));
  return row;
}

/** Creates or replaces a line's settings. */
export async function upsertService(ex: Executor, row: ServiceRow): Promise<ServiceRow> {
  const [saved] = await ex
    .insert(services)
    .values(row)
    .onConflictDoUpdate({ target: services.code, set: { name: row.name, prefix: row.prefix, active: row.active, sort: row.sort } })
    .returning();
  return saved;
}

/** Inserts lines that do not exist yet; never overwrites an admin's changes. */
export async function insertMissingServices(ex: Executor, rows: ServiceRow[]): Promise<void> {
  await ex.insert(services).values(rows).onConflictDoNothing({ target: services.code });
}

/** The next number of a line on a day; the counter row stays locked until commit, so two kiosks never share one. */
export async function nextTicketSeq(ex: Executor, serviceCode: string, day: string): Promise<number> {
  const [row] = await ex
    .insert(ticketNumbers)
    .values({ serviceCode, day, last: 1 })
    .onConflictDoUpdate({ target: [ticketNumbers.serviceCode, ticketNumbers.day], set: { last: sql`${ticketNumbers.last} + 1` } })
    .returning({ last: ticketNumbers.last });
  return row.last;
}

export async function insertTicket(ex: Executor, row: NewTicketRow): Promise<TicketRow> {
  const [created] = await ex.insert(tickets).values(row).returning();
  return created;
}

export async function findTicket(ex: Executor, id: string): Promise<TicketRow | undefined> {
  const [row] = await ex.select().from(tickets).where(eq(tickets.id, id));
  return row;
}

/** The ticket, locked for this transaction's change. */
export async function lockTicket(ex: Executor, id: string): Promise<TicketRow | undefined> {
  const [row] = await ex.select().from(tickets).where(eq(tickets.id, id)).for("update");
  return row;
}

/**
 * Locks the oldest waiting ticket of these lines today, skipping tickets another clerk's
 * transaction holds: concurrent call-next never get the same ticket, and never wait on each other.
 */
export async function claimOldestWaiting(ex: Executor, day: string, serviceCodes: string[]): Promise<TicketRow | undefined> {
  const [row] = await ex
    .select()
    .from(tickets)
    .where(and(eq(tickets.day, day), eq(tickets.status, "waiting"), inArray(tickets.serviceCode, serviceCodes)))
    .orderBy(asc(tickets.issuedAt), asc(tickets.seq))
    .limit(1)
    .for("update", { skipLocked: true });
  return row;
}

export async function updateTicket(ex: Executor, id: string, patch: Partial<NewTicketRow>): Promise<TicketRow> {
  const [row] = await ex.update(tickets).set(patch).where(eq(tickets.id, id)).returning();
  return row;
}

/** Waiting tickets of the same line and day issued before this one. */
export async function countAhead(ex: Executor, t: Pick<TicketRow, "serviceCode" | "day" | "seq">): Promise<number> {
  const [row] = await ex
    .select({ n: sql<number>`count(*)::int` })
    .from(tickets)
    .where(and(eq(tickets.serviceCode, t.serviceCode), eq(tickets.day, t.day), eq(tickets.status, "waiting"), sql`${tickets.seq} < ${t.seq}`));
  return row.n;
}

/** A line's pace today: average service minutes so far (null before the first) and windows open in the last `openMinutes`. */
export async function linePace(ex: Executor, serviceCode: string, day: string, now: Date, openMinutes: number): Promise<{ avgServiceMinutes: number | null; openWindows: number }> {
  const since = new Date(now.getTime() - openMinutes * 60_000).toISOString();
  const [row] = await queryRows<{ avg: number | null; windows: number }>(
    ex,
    sql`select (avg(extract(epoch from finished_at - served_at)) filter (where status = 'done' and served_at is not null) / 60)::float8 as avg,
      (count(distinct "window") filter (where last_called_at >= ${since}::timestamptz))::int as windows
      from ${tickets} where service_code = ${serviceCode} and day = ${day}`,
  );
  return { avgServiceMinutes: row?.avg ?? null, openWindows: row?.windows ?? 0 };
}

/** Waiting counts per active line today (zero for lines nobody waits on). */
export function waitingCounts(ex: Executor, day: string): Promise<{ serviceCode: string; count: number }[]> {
  return queryRows(
    ex,
    sql`select s.code as "serviceCode", count(t.id)::int as count from ${services} s
      left join ${tickets} t on t.service_code = s.code and t.day = ${day} and t.status = 'waiting'
      where s.active group by s.code, s.sort order by s.sort, s.code`,
  );
}

/** The day's latest calls, newest first (a recall moves a ticket back to the top). */
export function recentCalls(ex: Executor, day: string, limit: number): Promise<TicketRow[]> {
  return ex
    .select()
    .from(tickets)
    .where(and(eq(tickets.day, day), isNotNull(tickets.lastCalledAt)))
    .orderBy(desc(tickets.lastCalledAt))
    .limit(limit);
}

/** Waiting tickets of a line taken by signed-in users, with how many wait ahead of each. */
export function remoteWaiting(ex: Executor, serviceCode: string, day: string): Promise<(TicketRow & { ahead: number })[]> {
  return ex
    .select({ ticket: tickets, ahead: sql<number>`(row_number() over (order by ${tickets.seq}) - 1)::int` })
    .from(tickets)
    .where(and(eq(tickets.serviceCode, serviceCode), eq(tickets.day, day), eq(tickets.status, "waiting")))
    .then((rows) => rows.filter((r) => r.ticket.userId).map((r) => ({ ...r.ticket, ahead: r.ahead })));
}

/** Today's tickets, oldest first, narrowed by status, the clerk who called them, or the enterprise or user that took them. */
export function listTickets(ex: Executor, f: { day: string; statuses?: TicketStatus[]; calledBy?: string; enterpriseId?: string; userId?: string; limit: number }): Promise<TicketRow[]> {
  const conditions = [eq(tickets.day, f.day)];
  if (f.statuses?.length) conditions.push(inArray(tickets.status, f.statuses));
  if (f.calledBy) conditions.push(eq(tickets.calledBy, f.calledBy));
  if (f.enterpriseId && f.userId) conditions.push(sql`(${tickets.enterpriseId} = ${f.enterpriseId} or ${tickets.userId} = ${f.userId})`);
  else if (f.userId) conditions.push(eq(tickets.userId, f.userId));
  return ex.select().from(tickets).where(and(...conditions)).orderBy(asc(tickets.issuedAt), asc(tickets.seq)).limit(f.limit);
}
