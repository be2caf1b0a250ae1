/**
 * intake: `POST /api/cases` as the operator (bearer token), autocannon with
 * 50 connections for 10 s after a 3 s warm-up, titles varied over 50 real ones;
 * the ceiling server is measured the same way in the same run.
 * Targets: ≥ 60 % of the ceiling on each engine, p99 < 100 ms on PostgreSQL, 0 errors.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { AutocannonRequest } from "autocannon";
import { newestProfile, summarizeProfile } from "./profile.ts";
import {
  createTarget,
  describeCpu,
  engineName,
  fmt,
  intakeBody,
  loadTest,
  openTarget,
  printTable,
  startChild,
  statementSummary,
  statementsOf,
  targetEnv,
  withInProcessApp,
  type BenchOptions,
  type CpuUsage,
  type Engine,
  type LoadSummary,
  type Target,
} from "./support.ts";

export interface ThroughputRow {
  bench: string;
  engine: Engine;
  ceiling: LoadSummary;
  app: LoadSummary;
  ceilingCpu: CpuUsage;
  appCpu: CpuUsage;
}

/** Requests for autocannon: POST the i-th varied intake body. */
export function intakeRequests(pathname: string, headers: Record<string, string>, start = 0): () => AutocannonRequest[] {
  return () => {
    let i = start;
    return [
      {
        method: "POST",
        path: pathname,
        headers: { "content-type": "application/json", ...headers },
        setupRequest: (req) => ({ ...req, body: JSON.stringify(intakeBody(i++)) }),
      },
    ];
  };
}

/** Starts the ceiling child on a target (a separate PGlite dir, or the same PostgreSQL database) and load-tests it. */
export async function measureCeiling(engine: Engine, main: Target, o: BenchOptions): Promise<{ summary: LoadSummary; cpu: CpuUsage }> {
  let target = main;
  if (engine === "pglite") {
    target = await createTarget("pglite", "ceiling");
    const opened = await openTarget(target);
    await opened.close();
  }
  try {
    const child = await startChild("ceiling.ts", targetEnv(target));
    try {
      return await loadTest(child.url, intakeRequests("/cases", {}), o, [child.pid]);
    } finally {
      await child.stop();
    }
  } finally {
    if (target !== main) await target.drop();
  }
}

/** Starts the OneWindow child (optionally under --cpu-prof); returns it and a function summarising the profile after stop. */
export async function startApp(target: Target, o: BenchOptions) {
  const profDir = o.cpuProf ? mkdtempSync(path.join(os.tmpdir(), "ow-bench-prof-")) : null;
  const child = await startChild("appServer.ts", { ...targetEnv(target), BENCH_LOG_LEVEL: o.logLevel }, { nodeArgs: profDir ? ["--cpu-prof", "--cpu-prof-dir", profDir] : [] });
  return {
    child,
    /** Stops the child and prints its CPU profile when one was taken. */
    stop: async () => {
      await child.stop();
      if (profDir) {
        const file = newestProfile(profDir);
        if (file) summarizeProfile(file);
        else console.log(`(no CPU profile written in ${profDir})`);
        if (!process.env.BENCH_KEEP_PROFILES) rmSync(profDir, { recursive: true, force: true });
        else console.log(`profile kept in ${profDir}`);
      }
    },
  };
}

/** Server CPU milliseconds per successful response (from /proc accounting, so scheduler waits are excluded). */
export function cpuPerRequest(cpu: CpuUsage, s: LoadSummary): string {
  return `${((cpu.processes / 100) * 1000 / s.okPerSec).toFixed(2)} ms (sys ${((cpu.processesSys / 100) * 1000 / s.okPerSec).toFixed(2)})`;
}

export function throughputTable(title: string, rows: ThroughputRow[], unit = "req/s"): void {
  printTable(
    title,
    ["bench", "engine", "server", unit, "p50", "p99", "max", "errors", "non-2xx", "ratio to ceiling"],
    rows.flatMap((r) => [
      [r.bench, engineName(r.engine), "ceiling", fmt.n(r.ceiling.okPerSec), fmt.ms(r.ceiling.p50), fmt.ms(r.ceiling.p99), fmt.ms(r.ceiling.max), r.ceiling.errors, r.ceiling.non2xx, "1.00"],
      [r.bench, engineName(r.engine), "OneWindow", fmt.n(r.app.okPerSec), fmt.ms(r.app.p50), fmt.ms(r.app.p99), fmt.ms(r.app.max), r.app.errors, r.app.non2xx, (r.app.okPerSec / r.ceiling.okPerSec).toFixed(2)],
    ]),
  );
  for (const r of rows) {
    console.log(`  ${r.bench}, ${engineName(r.engine)}, CPU during ceiling run: ${describeCpu(r.ceilingCpu)}`);
    console.log(`  ${r.bench}, ${engineName(r.engine)}, CPU during OneWindow run: ${describeCpu(r.appCpu)}`);
    console.log(
      `  ${r.bench}, ${engineName(r.engine)}, server CPU per 2xx response: ceiling ${cpuPerRequest(r.ceilingCpu, r.ceiling)}, OneWindow ${cpuPerRequest(r.appCpu, r.app)}`,
    );
  }
}

/**
 * A throughput bench's frame: a fresh seeded target, the ceiling measured on it first, then `run` with both;
 * the target is dropped afterwards, whatever happens.
 */
export async function onSeededTargetWithCeiling<T>(
  engine: Engine,
  bench: string,
  o: BenchOptions,
  run: (target: Target, ceiling: { summary: LoadSummary; cpu: CpuUsage }) => Promise<T>,
): Promise<T> {
  console.log(`\n=== ${bench} on ${engineName(engine)}: ${o.connections} connections, ${o.warmup} s warm-up + ${o.duration} s`);
  const target = await createTarget(engine, bench);
  try {
    const opened = await openTarget(target, { seed: true });
    await opened.close();
    const ceiling = await measureCeiling(engine, target, o);
    console.log(`  ceiling: ${fmt.n(ceiling.summary.okPerSec)} req/s, p99 ${fmt.ms(ceiling.summary.p99)}`);
    return await run(target, ceiling);
  } finally {
    await target.drop();
  }
}

export function intakeBench(engine: Engine, o: BenchOptions): Promise<ThroughputRow> {
  return onSeededTargetWithCeiling(engine, "intake", o, async (target, ceiling) => {
    const app = await startApp(target, o);
    let measured: { summary: LoadSummary; cpu: CpuUsage };
    try {
      measured = await loadTest(app.child.url, intakeRequests("/api/cases", { authorization: `Bearer ${app.child.info.tokens.operator}` }), o, [app.child.pid]);
    } finally {
      await app.stop();
    }
    console.log(`  OneWindow: ${fmt.n(measured.summary.okPerSec)} req/s, p99 ${fmt.ms(measured.summary.p99)}, status codes ${JSON.stringify(measured.summary.statusCodes)}`);

    // Sanity: every 201 is one case with its intake event.
    const check = await openTarget(target);
    const [counts] = await check.raw.query<{ cases: number; events: number; phone_reads: number }>(
      "select (select count(*)::int from cases) as cases, (select count(*)::int from case_events) as events, (select count(*)::int from phone_reads) as phone_reads",
    );
    console.log(`  database after the run (warm-up included): ${counts.cases} cases, ${counts.events} events, ${counts.phone_reads} phone reads logged`);
    const statements = await withInProcessApp(check, (app) => statementsOf(app, "POST", "/api/cases", "operator", () => intakeBody(7)));
    console.log(`  statements per intake request: OneWindow ${statements.length} (ceiling: 1)\n${statementSummary(statements)}`);

    await check.close();
    const row: ThroughputRow = { bench: "intake", engine, ceiling: ceiling.summary, app: measured.summary, ceilingCpu: ceiling.cpu, appCpu: measured.cpu };
    throughputTable(`intake — POST /api/cases, ${o.connections} connections, ${o.duration} s`, [row]);
    return row;
  });
}
