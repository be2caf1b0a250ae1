import { randomUUID } from "node:crypto";
import type { CaseAction, SystemEventAction } from "../../models/enums.ts";
import type { CaseEventRow, CaseRow, NewCaseRow } from "../../models/schema/index.ts";
import { anchorEventChain, findCaseById, findLastEvent, insertEvent, listActiveAssignments, listEvents, updateCase } from "../../models/queries/cases.ts";
import type { Actor } from "../auth/actor.ts";
import type { AppDeps } from "../context.ts";
import type { Executor, Tx } from "../db.ts";
import type { DomainEvent } from "../events.ts";
import { conflict } from "../errors.ts";
import { eventHash, findBrokenLink, GENESIS_HASH } from "../rules/hashChain.ts";
import { nextSweepAt } from "../rules/sweepSchedule.ts";
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
 * Runs fn in one transaction; the domain events it buffered are published after
 * commit, and dropped on rollback.
 */
export async function withTransaction<T>(deps: AppDeps, actor: Actor, fn: (ctx: CommandContext) => Promise<T>): Promise<T> {
  // Loaded before the transaction: PGlite has one session, so nothing may touch the outer db inside it.
  const calendar = await deps.calendar.get();
  const buffered: DomainEvent[] = [];
  const result = await deps.database.db.transaction(async (tx) =>
    fn({ tx, actor, now: deps.clock.now(), calendar, deps, emit: (e) => buffered.push(e) }),
  );
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

/** Appends the next hash-chained event of a (locked) case. */
export async function appendEvent(
  ex: Executor,
  kase: Pick<CaseRow, "id">,
  e: { action: CaseAction | SystemEventAction | string; actor: Pick<Actor, "id" | "role"> | null; at: Date; data: Record<string, unknown>; public: boolean },
): Promise<CaseEventRow> {
  const last = await findLastEvent(ex, kase.id);
  const prevHash = last?.hash ?? GENESIS_HASH;
  const body = {
    caseId: kase.id,
    seq: (last?.seq ?? 0) + 1,
    action: e.action,
    actorId: e.actor?.id ?? null,
    actorRole: e.actor?.role ?? "system",
    at: e.at,
    data: e.data,
    public: e.public,
  };
  const hash = eventHash(prevHash, body);
  const event = await insertEvent(ex, { id: randomUUID(), ...body, prevHash, hash });
  await anchorEventChain(ex, kase.id, body.seq, hash);
  return event;
}

/**
 * Applies a change to a locked case: updates the row, appends its event and
 * buffers `case.updated`. Returns the new row and the event.
 */
export async function changeCase(
  ctx: CommandContext,
  kase: CaseRow,
  patch: Partial<NewCaseRow>,
  e: { action: CaseAction | SystemEventAction; data?: Record<string, unknown>; public: boolean; previousDepartmentIds?: string[] },
): Promise<{ case: CaseRow; event: CaseEventRow }> {
  const schedule = nextSweepAt({ ...kase, ...patch } as CaseRow, ctx.calendar);
  const updated = await updateCase(ctx.tx, kase.id, { ...patch, nextSweepAt: schedule, updatedAt: ctx.now });
  const event = await appendEvent(ctx.tx, kase, { action: e.action, actor: ctx.actor, at: ctx.now, data: e.data ?? {}, public: e.public });
  const coDepartmentIds = (await listActiveAssignments(ctx.tx, [kase.id])).filter((a) => a.role === "co").map((a) => a.departmentId);
  ctx.emit({ type: "case.updated", case: updated, event, coDepartmentIds, previousDepartmentIds: e.previousDepartmentIds ?? [] });
  return { case: updated, event };
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
