/**
 * sweeper: `sweepOnce(deps)` of server/jobs/deadlineSweeper.ts, in-process, over the
 * bulk-loaded cases (bench/dataset.ts): (1) a sweep when nothing is due (every open
 * case's next_sweep_at is ahead), (2) a sweep when 10,000 in-progress cases become
 * due at once (their reply deadline passed a minute ago, the warning already
 * announced, next_sweep_at in the past: each needs "reply overdue" + automatic
 * 催办 escalation; in-progress cases first, then closed ones put back in progress
 * if the load has fewer than 10,000 in progress). The ceiling: sequential single-row INSERTs of the intake row
 * into the equivalent table on the same engine, in the same run.
 */
import { pathToFileURL } from "node:url";
import path from "node:path";
import { existsSync } from "node:fs";
import type { AppDeps } from "../server/context.ts";
import { CEILING_DDL, ceilingInsert, validateIntake } from "./ceiling.ts";
import { loadedTarget, type Loaded } from "./reads.ts";
import {
  ROOT_DIR,
  benchDeps,
  describeCpu,
  engineName,
  fmt,
  intakeBody,
  latencyOf,
  machineConditions,
  openTarget,
  printTable,
  startCpuMonitor,
  withQueryLog,
  type BenchOptions,
  type Engine,
  type Logged,
} from "./support.ts";

type SweepOnce = (deps: AppDeps, opts?: { batchSize?: number }) => Promise<{ steps: number; cases: number } | unknown>;

const SWEEPER = path.join(ROOT_DIR, "server", "jobs", "deadlineSweeper.ts");
const DUE = 10_000;

async function loadSweepOnce(): Promise<SweepOnce | null> {
  if (!existsSync(SWEEPER)) return null;
  const mod = (await import(pathToFileURL(SWEEPER).href)) as { sweepOnce?: SweepOnce };
  return mod.sweepOnce ?? null;
}

export async function sweeperBench(engine: Engine, o: BenchOptions, shared?: Loaded): Promise<void> {
  console.log(`\n=== sweeper on ${engineName(engine)}`);
  const sweepOnce = await loadSweepOnce();
  if (!sweepOnce) {
    console.log(`  ${path.relative(ROOT_DIR, SWEEPER)} with sweepOnce(deps) is not present in this build: nothing to measure`);
    return;
  }
  const { target, dataset } = shared ?? (await loadedTarget(engine, "sweeper", o));
  try {
    const opened = await openTarget(target, { poolSize: 10 });
    try {
      const statements: Logged[] = [];
      const deps = benchDeps(withQueryLog(opened.database, statements));
      let published = 0;
      deps.bus.subscribe(() => published++);
      const raw = opened.raw;
      const [open] = await raw.query<{ n: number }>("select count(*)::int as n from cases where next_sweep_at is not null");

      // (1) Nothing due.
      await sweepOnce(deps); // warm the calendar cache and the plan
      const idle: number[] = [];
      for (let i = 0; i < 20; i++) {
        const t0 = performance.now();
        await sweepOnce(deps);
        idle.push(performance.now() - t0);
      }
      const idleLatency = latencyOf(idle);

      // (2) 10,000 become due at once.
      // In-progress cases first (newest first), then closed ones reopened for the purpose when there are too few.
      const [{ n: marked, converted }] = await raw.query<{ n: number; converted: number }>(
        `with picked as (
           select id, status from cases where status in ('in_progress', 'closed') and dispatched_at is not null
           order by (status = 'in_progress') desc, received_at desc limit $1)
         , upd as (
           update cases c set status = 'in_progress', reply_by = now() - interval '1 minute', reply_state = 1, reply_overdue_at = null,
             escalation = 0, next_sweep_at = now() - interval '1 minute', signed_at = coalesce(c.signed_at, c.dispatched_at),
             replied_at = null, closed_at = null, callback_by = null, callback_state = 0, satisfaction = null
           from picked where c.id = picked.id returning c.id)
         select count(*)::int as n, (count(*) filter (where picked.status = 'closed'))::int as converted from upd join picked using (id)`,
        [DUE],
      );
      if (converted) console.log(`  ${converted.toLocaleString("en-US")} of the ${marked.toLocaleString("en-US")} due cases were closed cases put back in progress (too few in progress)`);
      const [{ n: eventsBefore }] = await raw.query<{ n: number }>("select count(*)::int as n from case_events");
      published = 0;
      statements.length = 0;
      const cpu = startCpuMonitor([]);
      const t0 = performance.now();
      const result = (await sweepOnce(deps)) as { steps?: number; cases?: number };
      const seconds = (performance.now() - t0) / 1000;
      const usage = cpu.stop();
      const [{ n: eventsAfter }] = await raw.query<{ n: number }>("select count(*)::int as n from case_events");
      const [{ n: stillDue }] = await raw.query<{ n: number }>("select count(*)::int as n from cases where next_sweep_at <= now()");
      const swept = result?.cases ?? marked;
      const steps = result?.steps ?? eventsAfter - eventsBefore;

      // The ceiling: sequential single-row INSERTs (autocommit) of the intake row into the equivalent table.
      await raw.exec(CEILING_DDL);
      const inserts: number[] = [];
      const until = performance.now() + Math.max(3, Math.min(o.duration, 10)) * 1000;
      for (let i = 0; performance.now() < until && i < 100_000; i++) {
        const q = ceilingInsert(validateIntake(intakeBody(i)).value);
        const s0 = performance.now();
        await raw.query(q.text, q.params);
        inserts.push(performance.now() - s0);
      }
      const ceilingPerSec = inserts.length / (inserts.reduce((a, b) => a + b, 0) / 1000);
      const insertLatency = latencyOf(inserts);

      printTable(
        `sweeper on ${engineName(engine)} — ${dataset.cases.toLocaleString("en-US")} cases loaded, ${open.n.toLocaleString("en-US")} open with a next sweep; ${machineConditions()}`,
        ["measurement", "figure", "ratio to ceiling"],
        [
          ["sweep with nothing due (p50 / p95 of 20)", `${fmt.ms(idleLatency.p50)} / ${fmt.ms(idleLatency.p95)}`, ""],
          [`sweep with ${marked.toLocaleString("en-US")} due at once: wall time`, `${seconds.toFixed(2)} s`, ""],
          ["  cases swept / steps recorded / events written / published", `${swept} / ${steps} / ${eventsAfter - eventsBefore} / ${published}`, ""],
          ["  cases per second", fmt.n(swept / seconds), (swept / seconds / ceilingPerSec).toFixed(2)],
          ["  steps (update + event) per second", fmt.n(steps / seconds), (steps / seconds / ceilingPerSec).toFixed(2)],
          ["  SQL statements sent (per case)", `${statements.length.toLocaleString("en-US")} (${(statements.length / Math.max(1, swept)).toFixed(1)})`, ""],
          ["  still due afterwards", stillDue, ""],
          ["ceiling: sequential single-row INSERTs per second", `${fmt.n(ceilingPerSec)} (p50 ${fmt.ms(insertLatency.p50)})`, "1.00"],
        ],
      );
      const kinds = new Map<string, number>();
      for (const q of statements) {
        const k = q.sql.replace(/\s+/g, " ").slice(0, 90);
        kinds.set(k, (kinds.get(k) ?? 0) + 1);
      }
      console.log("  statements of the 10k sweep, per swept case:");
      for (const [k, n] of [...kinds].sort((a, b) => b[1] - a[1]).slice(0, 12)) console.log(`    ${(n / Math.max(1, swept)).toFixed(2).padStart(6)}  ${k}`);
      console.log(`  CPU during the 10k sweep: ${describeCpu(usage)} ("load generator" = this process, which runs the sweeper)`);
    } finally {
      await opened.close();
    }
  } finally {
    if (!shared) await target.drop();
  }
}
