import { randomUUID } from "node:crypto";
import type { CaseAction, SystemEventAction } from "../../models/enums.ts";
import type { CaseAssignmentRow, CaseEventRow, CaseRow, NewCaseRow } from "../../models/schema/index.ts";
import { findCaseById, insertEvent, listActiveAssignments, listEvents, updateCaseChained } from "../../models/queries/cases.ts";
import { recordMetricFacts } from "../../models/queries/metrics.ts";
import type { Actor } from "../auth/actor.ts";
import type { AppDeps } from "../context.ts";
import type { Executor, Tx } from "../db.ts";
import type { DomainEvent } from "../events.ts";
import { conflict } from "../errors.ts";
import { eventHash, findBrokenLink, GENESIS_HASH } from "../rules/hashChain.ts";
import type { CaseLimits } from "../../models/contracts.ts";
import { findCategory } from "../../models/queries/directory.ts";
import { categoryLimits } from "../rules/limits.ts";
import { nextSweepAt } from "../rules/sweepSchedule.ts";
import { subscriptionCache, writeOutbox } from "../integrations/outbox.ts";
import type { WorkCalendar } from "../rules/workCalendar.ts";

/** What a command gets: the transaction, who acts, when, the calendar, and a buffer for domain events. */
export interface CommandContext {
  tx: Tx;
  actor: Actor;
  now: Date;
  calendar: WorkCalendar;
  deps: AppDeps;
  /** Buffers a domain event; it is published only after the transaction commits. */
  emit(event: DomainEvent): void;
}

/**
 * Runs fn in one transaction; the domain events it buffered are written to the webhook
 * outbox before commit and published after commit, and dropped on rollback.
 */
export async function withTransaction<T>(deps: AppDeps, actor: Actor, fn: (ctx: CommandContext) => Promise<T>): Promise<T> {
  // Loaded before the transaction: PGlite has one session, so nothing may touch the outer db inside it.
  const calendar = await deps.calendar.get();
  const subscriptions = await subscriptionCache(deps).get();
  const buffered: DomainEvent[] = [];
  const result = await deps.database.db.transaction(async (tx) => {
    const now = deps.clock.now();
    const value = await fn({ tx, actor, now, calendar, deps, emit: (e) => buffered.push(e) });
    // The outbox rows commit or roll back with the change (nothing committed is lost, nothing uncommitted is sent).
    if (subscriptions.length && buffered.length) await writeOutbox(tx, subscriptions, buffered, now, deps.env.webhookRetryHours * 3600_000);
    return value;
  });
  for (const event of buffered) deps.bus.publish(event);
  return result;
}

/** Throws conflict when the client's version is stale. */
export function assertVersion(kase: CaseRow, version: number | undefined): void {
  if (version !== undefined && version !== kase.version) {
    throw conflict({ zh: "案件已被他人更新，请刷新后重试", en: "The case changed meanwhile; reload and try again" }, [
      { path: "version", message: `current version is ${kase.version}` },
    ]);
  }
}

/** The head of a case's event chain, as kept on its (locked) row. */
export type ChainedCase = Pick<CaseRow, "id" | "lastEventSeq" | "lastEventHash">;

/** What an event says; the chain fields are added by nextEvent. */
export interface EventInput {
  action: CaseAction | SystemEventAction | string;
  actor: Pick<Actor, "id" | "role"> | null;
  at: Date;
  data: Record<string, unknown>;
  public: boolean;
}

/** The next hash-chained event of a case, chained to the head on its row. */
export function nextEvent(kase: ChainedCase, e: EventInput): CaseEventRow {
  const prevHash = kase.lastEventHash ?? GENESIS_HASH;
  const body = {
    caseId: kase.id,
    seq: kase.lastEventSeq + 1,
    action: e.action,
    actorId: e.actor?.id ?? null,
    actorRole: e.actor?.role ?? "system",
    at: e.at,
    data: e.data,
    public: e.public,
  };
  return { id: randomUUID(), ...body, prevHash, hash: eventHash(prevHash, body) };
}

/**
 * Writes a locked case's patch and its next event: one UPDATE that also moves the chain head on the row,
 * one INSERT of the event. `kase` must be the row as it stands in this transaction (the latest returned row);
 * a stale one fails loudly instead of forking the chain.
 */
export async function writeCaseEvent(
  ex: Executor,
  kase: ChainedCase,
  patch: Partial<NewCaseRow>,
  e: EventInput,
  opts: { bumpVersion: boolean },
): Promise<{ case: CaseRow; event: CaseEventRow }> {
  const event = nextEvent(kase, e);
  const row = await updateCaseChained(ex, kase.id, kase.lastEventSeq, { ...patch, lastEventSeq: event.seq, lastEventHash: event.hash }, opts);
  if (!row) throw new Error(`case ${kase.id}: event chain head is no longer seq ${kase.lastEventSeq}; a stale row was passed`);
  await insertEvent(ex, event);
  await recordMetricFacts(ex, event); // replies, ratings, returns, merges; flags of earlier replies on a callback or reopen
  return { case: row, event };
}

/** The co-handling departments among a case's active assignments. */
export function coDepartmentIds(assignments: Pick<CaseAssignmentRow, "role" | "departmentId">[]): string[] {
  return assignments.filter((a) => a.role === "co").map((a) => a.departmentId);
}

/** The co-handling departments of a case, for the domain event. */
export async function coDepartmentsOf(ex: Executor, caseId: string): Promise<string[]> {
  return coDepartmentIds(await listActiveAssignments(ex, [caseId]));
}

/**
 * Applies a change to a locked case: updates the row, appends its event and
 * buffers `case.updated`. Returns the new row, the event and the case's active
 * assignments after the change (read once, for the domain event and the response).
 */
export async function changeCase(
  ctx: CommandContext,
  kase: CaseRow,
  patch: Partial<NewCaseRow>,
  e: { action: CaseAction | SystemEventAction; data?: Record<string, unknown>; public: boolean; previousDepartmentIds?: string[] },
): Promise<{ case: CaseRow; event: CaseEventRow; assignments: CaseAssignmentRow[] }> {
  const schedule = nextSweepAt({ ...kase, ...patch } as CaseRow, ctx.calendar);
  const written = await writeCaseEvent(
    ctx.tx,
    kase,
    { ...patch, nextSweepAt: schedule, updatedAt: ctx.now },
    { action: e.action, actor: ctx.actor, at: ctx.now, data: e.data ?? {}, public: e.public },
    { bumpVersion: true },
  );
  const assignments = await listActiveAssignments(ctx.tx, [kase.id]);
  ctx.emit({ type: "case.updated", ...written, coDepartmentIds: coDepartmentIds(assignments), previousDepartmentIds: e.previousDepartmentIds ?? [] });
  return { ...written, assignments };
}

/** The limits of the case's category as they stand now (the defaults without a category): what a clock starting now runs on. */
export async function currentLimits(ctx: CommandContext, kase: Pick<CaseRow, "categoryCode">): Promise<CaseLimits> {
  return categoryLimits(kase.categoryCode ? await findCategory(ctx.tx, kase.categoryCode) : undefined);
}

/** Verifies a case's stored hash chain against the head kept on the case; returns the first tampered seq or null. */
export async function verifyCaseChain(ex: Executor, caseId: string): Promise<number | null> {
  const events = await listEvents(ex, caseId, { publicOnly: false });
  const broken = findBrokenLink(events);
  if (broken !== null) return broken;
  const head = await findCaseById(ex, caseId);
  const last = events[events.length - 1];
  // Events missing from the end (or the head rewritten) leave a valid chain that no longer reaches the head.
  if (!head || head.lastEventSeq !== (last?.seq ?? 0) || head.lastEventHash !== (last?.hash ?? null)) return (last?.seq ?? 0) + 1;
  return null;
}
