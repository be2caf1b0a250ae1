/**
 * Benchmark dispatcher:
 *   npm run bench -- intake|lifecycle|reads|sweeper|knowledge|webhooks|all [--engine pglite|postgres|both] [options]
 *   npm run bench -- profile <file.cpuprofile>
 * Engine postgres creates (and drops) its own database on the server of
 * BENCH_DATABASE_URL or DATABASE_URL. Without --engine: PGlite, plus PostgreSQL
 * when one of those is set. Options: --duration s (10) --warmup s (3)
 * --connections n (50) --cases n (reads/sweeper load: 1,000,000 PostgreSQL,
 * 100,000 PGlite) --samples n (200 per read scenario) --cpu-prof (profile the
 * OneWindow child) --log-level lvl (info) --no-explain.
 * Environment: BENCH_KEEP=1 keeps the databases/data dirs (for EXPLAIN by hand),
 * BENCH_KEEP_PROFILES=1 keeps the --cpu-prof files.
 * Figures are printed, nothing is asserted; docs/performance.md records a run.
 * (The realtime benchmark is separate: node --expose-gc --import tsx bench/realtime.ts.)
 */
import { intakeBench, throughputTable, type ThroughputRow } from "./intake.ts";
import { knowledgeBench } from "./knowledge.ts";
import { lifecycleBench } from "./lifecycle.ts";
import { loadedTarget, readsBench, type Loaded } from "./reads.ts";
import { sweeperBench } from "./sweeper.ts";
import { webhooksBench } from "./webhooks.ts";
import { summarizeProfile } from "./profile.ts";
import { engineName, machineConditions, parseOptions, runCleanups } from "./support.ts";

const BENCHES = ["intake", "lifecycle", "reads", "sweeper", "knowledge", "webhooks"] as const;

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv[0] === "profile") {
    if (!argv[1]) throw new Error("usage: npm run bench -- profile <file.cpuprofile>");
    summarizeProfile(argv[1]);
    return;
  }
  const { names, options } = parseOptions(argv);
  const selected = names.includes("all") ? [...BENCHES] : names;
  if (!selected.length || selected.some((n) => !(BENCHES as readonly string[]).includes(n))) {
    console.error(`usage: npm run bench -- ${BENCHES.join("|")}|all [--engine pglite|postgres|both] [--duration s] [--warmup s] [--connections n] [--cases n] [--samples n] [--cpu-prof] [--log-level lvl] [--no-explain]`);
    process.exitCode = 2;
    return;
  }
  console.log(`OneWindow benchmarks: ${selected.join(", ")} on ${options.engines.map(engineName).join(" and ")}`);
  console.log(`machine: ${machineConditions()}`);
  console.log(`started ${new Date().toISOString()}; server children log at LOG_LEVEL=${options.logLevel}`);

  const throughput: ThroughputRow[] = [];
  for (const engine of options.engines) {
    // reads and sweeper in one invocation share one bulk load (the sweeper runs last: it changes the data).
    const share = selected.includes("reads") && selected.includes("sweeper");
    let shared: Loaded | undefined;
    const dataset = async () => (share ? (shared ??= await loadedTarget(engine, "reads", options)) : undefined);
    try {
      for (const name of BENCHES.filter((b) => selected.includes(b))) {
        if (name === "intake") throughput.push(await intakeBench(engine, options));
        else if (name === "lifecycle") throughput.push(await lifecycleBench(engine, options));
        else if (name === "reads") await readsBench(engine, options, await dataset());
        else if (name === "sweeper") await sweeperBench(engine, options, await dataset());
        else if (name === "knowledge") await knowledgeBench(engine, options);
        else if (name === "webhooks") await webhooksBench(engine, options);
      }
    } finally {
      await shared?.target.drop();
    }
  }
  if (throughput.length > 1) throughputTable("Summary (throughput benchmarks)", throughput);
  console.log(`\nfinished ${new Date().toISOString()}; machine now: ${machineConditions()}`);
}

main()
  .catch((err) => {
    console.error(err);
    process.exitCode = 1;
  })
  .finally(() => runCleanups());
