/**
 * The deadline sweeper's batched writes (server/jobs/deadlineSweeper.ts): the due cases it locks,
 * one UPDATE of all swept cases of a batch, and one multi-row INSERT of their events.
 */
import { asc, getTableColumns, lte, sql } from "drizzle-orm";
import { queryRows, type Executor } from "../db.ts";
import { caseEvents, cases, type CaseEventRow, type CaseRow } from "../schema/index.ts";

/** Up to `limit` due cases (next_sweep_at <= now) that no other transaction holds, locked FOR UPDATE SKIP LOCKED. */
export function lockDueCases(ex: Executor, now: Date, limit: number): Promise<CaseRow[]> {
  return ex.select().from(cases).where(lte(cases.nextSweepAt, now)).orderBy(asc(cases.nextSweepAt)).limit(limit).for("update", { skipLocked: true });
}

/** The sweeper's final state of one locked case: what it stored about deadlines, escalation and the chain head. */
export interface SweptCase {
  id: string;
  /** The chain head the steps were chained to (as locked); the write is refused if it moved. */
  expectedSeq: number;
  signState: number;
  replyState: number;
  callbackState: number;
  replyOverdueAt: Date | null;
  escalation: number;
  /** Escalations applied: version moves by this much, and updatedAt only when it is > 0. */
  versionBumps: number;
  updatedAt: Date;
  nextSweepAt: Date | null;
  lastEventSeq: number;
  lastEventHash: string | null;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/**
 * Writes the final state of many locked cases with one UPDATE (the rows travel as one jsonb parameter).
 * Throws when a case's chain head is no longer the one its events were chained to, so the batch rolls back
 * instead of forking a chain.
 */
export async function updateSweptCases(ex: Executor, rows: SweptCase[]): Promise<void> {
  if (!rows.length) return;
  const payload = JSON.stringify(
    rows.map((r) => ({
      id: r.id,
      expected_seq: r.expectedSeq,
      sign_state: r.signState,
      reply_state: r.replyState,
      callback_state: r.callbackState,
      reply_overdue_at: iso(r.replyOverdueAt),
      escalation: r.escalation,
      version_bumps: r.versionBumps,
      updated_at: iso(r.updatedAt),
      next_sweep_at: iso(r.nextSweepAt),
      last_event_seq: r.lastEventSeq,
      last_event_hash: r.lastEventHash,
    })),
  );
  const updated = await queryRows<{ id: string }>(
    ex,
    sql`
    update cases c set
      sign_state = v.sign_state, reply_state = v.reply_state, callback_state = v.callback_state,
      reply_overdue_at = v.reply_overdue_at, escalation = v.escalation,
      version = c.version + v.version_bumps,
      updated_at = case when v.version_bumps > 0 then v.updated_at else c.updated_at end,
      next_sweep_at = v.next_sweep_at, last_event_seq = v.last_event_seq, last_event_hash = v.last_event_hash
    from jsonb_to_recordset(${payload}::jsonb) as v(id text, expected_seq int, sign_state smallint, reply_state smallint,
      callback_state smallint, reply_overdue_at timestamptz, escalation smallint, version_bumps int, updated_at timestamptz,
      next_sweep_at timestamptz, last_event_seq int, last_event_hash text)
    where c.id = v.id and c.last_event_seq = v.expected_seq
    returning c.id`,
  );
  if (updated.length !== rows.length) {
    throw new Error(`sweeper: ${rows.length - updated.length} of ${rows.length} cases changed their event chain head under the lock; batch rolled back`);
  }
}

/** PostgreSQL binds at most 65,535 parameters per statement. */
const MAX_PARAMS = 65_535;

/** Inserts the events exactly as built (every column of the row), as few multi-row INSERTs as the parameter limit allows. */
export async function insertEvents(ex: Executor, events: CaseEventRow[]): Promise<void> {
  const perRow = Object.keys(getTableColumns(caseEvents)).length;
  const chunk = Math.max(1, Math.floor(MAX_PARAMS / perRow));
  for (let i = 0; i < events.length; i += chunk) await ex.insert(caseEvents).values(events.slice(i, i + chunk));
}
