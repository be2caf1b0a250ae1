/**
 * The deadline sweeper: records deadline warnings/overdues and the automatic
 * escalation ladder (domain.md "Warnings and escalation") for the cases that are due.
 * Safe with several instances: due rows are taken FOR UPDATE SKIP LOCKED and every
 * step is re-derived from the locked row's state columns, so each happens once.
 *
 * Writes are batched: a batch's steps are applied in memory (each event chained with
 * nextEvent to the in-memory head), then written with one UPDATE of the swept cases and
 * one multi-row INSERT of their events; co-departments are read once for the batch.
 */
import { listActiveAssignments } from "../../models/queries/cases.ts";
import { recordMetricFacts } from "../../models/queries/metrics.ts";
import { insertEvents, lockDueCases, updateSweptCases, type SweptCase } from "../../models/queries/sweeper.ts";
import type { CaseEventRow, CaseRow } from "../../models/schema/index.ts";
import type { Actor } from "../auth/actor.ts";
import { coDepartmentIds, nextEvent, withTransaction, type CommandContext } from "../commands/context.ts";
import type { AppDeps } from "../context.ts";
import type { DomainEvent } from "../events.ts";
import { nextSweepAt, pendingSteps, type SweepStep } from "../rules/sweepSchedule.ts";

/** Who runs the sweep; its timeline events are written with no actor (actorRole "system"). */
const SYSTEM_ACTOR: Actor = { kind: "user", id: "system", role: "admin", username: "system", displayName: "系统", departmentId: null, enterpriseId: null };

/** Cases taken per transaction: small enough to keep locks short, large enough to drain a backlog quickly. */
const DEFAULT_BATCH = 100;
/** A case has at most 7 steps (sign ×2, reply ×2, ladder ×3) plus callback ×2; more means a bug, not work. */
const MAX_STEPS_PER_CASE = 12;
/** Upper bound on batches of one sweep, so a misbehaving schedule cannot spin forever. */
const MAX_BATCHES = 10_000;

const STATE_COLUMN = { sign: "signState", reply: "replyState", callback: "callbackState" } as const;

/** A domain event of a step, waiting for the batch's co-departments. */
type PendingEmit =
  | { type: "case.updated"; case: CaseRow; event: CaseEventRow }
  | { type: "case.deadline"; case: CaseRow; kind: "sign" | "reply" | "callback"; state: "warning" | "overdue" };

/**
 * One due step applied to the in-memory row (as the locked row stands after the previous steps):
 * the new row with the chain head moved to the step's event, and that event.
 */
function applyStep(ctx: CommandContext, row: CaseRow, step: SweepStep): { row: CaseRow; event: CaseEventRow; emit: PendingEmit } {
  if (step.kind === "escalation") {
    const event = nextEvent(row, { action: "escalate", actor: null, at: ctx.now, data: { level: step.level, automatic: true, dueAt: step.at.toISOString() }, public: false });
    // A visible change (escalation level): version and updatedAt move so clients and catch-up see it.
    const next: CaseRow = { ...row, escalation: step.level, updatedAt: ctx.now, version: row.version + 1, lastEventSeq: event.seq, lastEventHash: event.hash };
    return { row: next, event, emit: { type: "case.updated", case: next, event } };
  }
  const event = nextEvent(row, { action: "deadline", actor: null, at: ctx.now, data: { kind: step.kind, state: step.state, dueAt: step.at.toISOString() }, public: false });
  // Bookkeeping of deadlines: version and updatedAt stay, it changes nothing a client holds.
  const next: CaseRow = { ...row, [STATE_COLUMN[step.kind]]: step.state === "warning" ? 1 : 2, lastEventSeq: event.seq, lastEventHash: event.hash };
  // The ladder counts from the moment the reply deadline passed, not from when the sweep noticed.
  if (step.kind === "reply" && step.state === "overdue") next.replyOverdueAt = step.at;
  return { row: next, event, emit: { type: "case.deadline", case: next, kind: step.kind, state: step.state } };
}

/** Every due step of one locked case, in time order, applied in memory; undefined when nothing about the case changes. */
function sweepCase(ctx: CommandContext, kase: CaseRow): { swept: SweptCase; events: CaseEventRow[]; emits: PendingEmit[] } | undefined {
  let row = kase;
  const events: CaseEventRow[] = [];
  const emits: PendingEmit[] = [];
  let bumps = 0;
  let pending = pendingSteps(row, ctx.calendar);
  for (; events.length < MAX_STEPS_PER_CASE; ) {
    const step = pending.find((s) => s.at.getTime() <= ctx.now.getTime());
    if (!step) break;
    const applied = applyStep(ctx, row, step);
    if (step.kind === "escalation") bumps++;
    pending = pendingSteps(applied.row, ctx.calendar);
    // The row as it stands after the step, scheduled as it would be if the sweep stopped there.
    row = { ...applied.row, nextSweepAt: pending[0]?.at ?? null };
    applied.emit.case = row;
    events.push(applied.event);
    emits.push(applied.emit);
  }
  if (events.length === MAX_STEPS_PER_CASE) ctx.deps.log.error({ caseId: kase.id }, "sweeper: a case kept producing due steps; check sweepSchedule");
  const next = nextSweepAt(row, ctx.calendar);
  if (!events.length && next?.getTime() === kase.nextSweepAt?.getTime()) return undefined;
  return {
    swept: {
      id: kase.id,
      expectedSeq: kase.lastEventSeq,
      signState: row.signState,
      replyState: row.replyState,
      callbackState: row.callbackState,
      replyOverdueAt: row.replyOverdueAt,
      escalation: row.escalation,
      versionBumps: bumps,
      updatedAt: row.updatedAt,
      nextSweepAt: next,
      lastEventSeq: row.lastEventSeq,
      lastEventHash: row.lastEventHash,
    },
    events,
    emits,
  };
}

/**
 * One transaction: lock up to `limit` due cases other sweepers are not holding, apply their steps in memory,
 * then write them: one UPDATE of the cases, one INSERT of the events, one read of their co-departments.
 */
async function sweepBatch(ctx: CommandContext, limit: number): Promise<{ cases: number; steps: number }> {
  const due = await lockDueCases(ctx.tx, ctx.now, limit);
  const swept: SweptCase[] = [];
  const events: CaseEventRow[] = [];
  const emits: PendingEmit[] = [];
  for (const kase of due) {
    const result = sweepCase(ctx, kase);
    if (!result) continue;
    swept.push(result.swept);
    events.push(...result.events);
    emits.push(...result.emits);
  }
  await insertEvents(ctx.tx, events);
  // As writeCaseEvent does; deadline and escalate events have no metric facts, so this sends nothing today.
  for (const event of events) await recordMetricFacts(ctx.tx, event);
  await updateSweptCases(ctx.tx, swept);
  if (emits.length) {
    const assignments = await listActiveAssignments(ctx.tx, [...new Set(emits.map((e) => e.case.id))]);
    for (const e of emits) {
      const co = coDepartmentIds(assignments.filter((a) => a.caseId === e.case.id));
      const event: DomainEvent = e.type === "case.updated" ? { ...e, coDepartmentIds: co, previousDepartmentIds: [] } : { ...e, coDepartmentIds: co };
      ctx.emit(event);
    }
  }
  return { cases: due.length, steps: events.length };
}

/**
 * Sweeps every case due at deps.clock.now(), batch after batch, each batch in its own
 * transaction (events are published after its commit). Idempotent: a second sweep at
 * the same instant finds nothing due.
 */
export async function sweepOnce(deps: AppDeps, opts: { batchSize?: number } = {}): Promise<{ steps: number; cases: number }> {
  const limit = opts.batchSize ?? DEFAULT_BATCH;
  let steps = 0;
  let swept = 0;
  for (let batch = 0; batch < MAX_BATCHES; batch++) {
    // withTransaction loads the calendar before opening the transaction (PGlite has a single session).
    const result = await withTransaction(deps, SYSTEM_ACTOR, (ctx) => sweepBatch(ctx, limit));
    steps += result.steps;
    swept += result.cases;
    if (result.cases < limit) break;
  }
  return { steps, cases: swept };
}
