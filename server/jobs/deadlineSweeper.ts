/**
 * The deadline sweeper: records deadline warnings/overdues and the automatic
 * escalation ladder (domain.md "Warnings and escalation") for the cases that are due.
 * Safe with several instances: due rows are taken FOR UPDATE SKIP LOCKED and every
 * step is re-derived from the locked row's state columns, so each happens once.
 */
import { asc, lte } from "drizzle-orm";
import { listActiveAssignments, setNextSweep } from "../../models/queries/cases.ts";
import { cases, type CaseRow, type NewCaseRow } from "../../models/schema/index.ts";
import type { Actor } from "../auth/actor.ts";
import { withTransaction, writeCaseEvent, type CommandContext } from "../commands/context.ts";
import type { AppDeps } from "../context.ts";
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

/** Applies one due step to the locked case with its timeline event, and buffers its domain event; returns the new row. */
async function applyStep(ctx: CommandContext, kase: CaseRow, step: SweepStep, coDepartmentIds: () => Promise<string[]>): Promise<CaseRow> {
  if (step.kind === "escalation") {
    // A visible change (escalation level): version and updatedAt move so clients and catch-up see it.
    const written = await writeCaseEvent(
      ctx.tx,
      kase,
      { escalation: step.level, updatedAt: ctx.now },
      { action: "escalate", actor: null, at: ctx.now, data: { level: step.level, automatic: true, dueAt: step.at.toISOString() }, public: false },
      { bumpVersion: true },
    );
    ctx.emit({ type: "case.updated", ...written, coDepartmentIds: await coDepartmentIds(), previousDepartmentIds: [] });
    return written.case;
  }
  const patch: Partial<NewCaseRow> = { [STATE_COLUMN[step.kind]]: step.state === "warning" ? 1 : 2 };
  // The ladder counts from the moment the reply deadline passed, not from when the sweep noticed.
  if (step.kind === "reply" && step.state === "overdue") patch.replyOverdueAt = step.at;
  // Bookkeeping of deadlines: version and updatedAt stay, it changes nothing a client holds.
  const { case: row } = await writeCaseEvent(
    ctx.tx,
    kase,
    patch,
    { action: "deadline", actor: null, at: ctx.now, data: { kind: step.kind, state: step.state, dueAt: step.at.toISOString() }, public: false },
    { bumpVersion: false },
  );
  ctx.emit({ type: "case.deadline", case: row, kind: step.kind, state: step.state, coDepartmentIds: await coDepartmentIds() });
  return row;
}

/** Applies every due step of one locked case, in time order, then schedules its next sweep. */
async function sweepCase(ctx: CommandContext, kase: CaseRow): Promise<number> {
  let row = kase;
  let co: string[] | null = null;
  const coDepartmentIds = async () =>
    (co ??= (await listActiveAssignments(ctx.tx, [kase.id])).filter((a) => a.role === "co").map((a) => a.departmentId));
  let applied = 0;
  for (; applied < MAX_STEPS_PER_CASE; applied++) {
    const step = pendingSteps(row, ctx.calendar).find((s) => s.at.getTime() <= ctx.now.getTime());
    if (!step) break;
    row = await applyStep(ctx, row, step, coDepartmentIds);
  }
  if (applied === MAX_STEPS_PER_CASE) ctx.deps.log.error({ caseId: kase.id }, "sweeper: a case kept producing due steps; check sweepSchedule");
  const next = nextSweepAt(row, ctx.calendar);
  if (next?.getTime() !== row.nextSweepAt?.getTime()) await setNextSweep(ctx.tx, row.id, next);
  return applied;
}

/** One transaction: lock up to `limit` due cases other sweepers are not holding, and sweep them. */
async function sweepBatch(ctx: CommandContext, limit: number): Promise<{ cases: number; steps: number }> {
  const due = await ctx.tx
    .select()
    .from(cases)
    .where(lte(cases.nextSweepAt, ctx.now))
    .orderBy(asc(cases.nextSweepAt))
    .limit(limit)
    .for("update", { skipLocked: true });
  let steps = 0;
  for (const kase of due) steps += await sweepCase(ctx, kase);
  return { cases: due.length, steps };
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
