/**
 * Shared pieces of the benchmarks: options, throw-away databases, child servers,
 * autocannon, latency sampling, CPU accounting, tables, and the realistic case texts.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createServer } from "node:http";
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import autocannon, { type AutocannonRequest, type AutocannonResult } from "autocannon";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import pg from "pg";
import { pino } from "pino";
import * as schema from "../models/schema/index.ts";
import { createApp } from "../server/app.ts";
import { systemClock } from "../server/clock.ts";
import type { AppDeps } from "../server/context.ts";
import { openDatabase, type Database, type Db } from "../server/db.ts";
import { loadEnv } from "../server/env.ts";
import { buildDeps } from "../server/deps.ts";
import { seedDemoData, seedReferenceData } from "../server/seed.ts";
import { searchLexemes } from "../server/rules/searchTokens.ts";

export const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));
export const ROOT_DIR = path.resolve(BENCH_DIR, "..");

// ---------------------------------------------------------------- options

export type Engine = "pglite" | "postgres";

export interface BenchOptions {
  engines: Engine[];
  /** Seconds of measured load (autocannon). */
  duration: number;
  /** Seconds of discarded load before measuring. */
  warmup: number;
  connections: number;
  /** Cases to bulk-load for reads/sweeper (default: 1,000,000 PostgreSQL, 100,000 PGlite). */
  cases: number | null;
  /** Sequential requests measured per read scenario. */
  samples: number;
  /** Run the OneWindow server child under `node --cpu-prof` and summarise the profile. */
  cpuProf: boolean;
  /** LOG_LEVEL of the OneWindow server child. */
  logLevel: string;
  /** Print EXPLAIN (ANALYZE, BUFFERS) plans of the read queries. */
  explain: boolean;
}

export function parseOptions(argv: string[]): { names: string[]; options: BenchOptions } {
  const names: string[] = [];
  const o: BenchOptions = {
    engines: [],
    duration: 10,
    warmup: 3,
    connections: 50,
    cases: null,
    samples: 200,
    cpuProf: false,
    logLevel: "info",
    explain: true,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    switch (a) {
      case "--engine": {
        const v = value();
        if (v === "both" || v === "all") o.engines = ["pglite", "postgres"];
        else if (v === "pglite" || v === "postgres") o.engines.push(v);
        else throw new Error(`unknown engine ${v} (pglite | postgres | both)`);
        break;
      }
      case "--duration":
        o.duration = positive(a, value());
        break;
      case "--warmup":
        o.warmup = Number(value());
        break;
      case "--connections":
        o.connections = positive(a, value());
        break;
      case "--cases":
        o.cases = positive(a, value());
        break;
      case "--samples":
        o.samples = positive(a, value());
        break;
      case "--cpu-prof":
        o.cpuProf = true;
        break;
      case "--log-level":
        o.logLevel = value();
        break;
      case "--no-explain":
        o.explain = false;
        break;
      default:
        if (a.startsWith("-")) throw new Error(`unknown option ${a}`);
        names.push(a);
    }
  }
  if (!o.engines.length) o.engines = postgresBaseUrl() ? ["pglite", "postgres"] : ["pglite"];
  return { names, options: o };
}

function positive(name: string, v: string): number {
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a positive number`);
  return n;
}

/** The PostgreSQL server to create throw-away databases on (its own database is used only to CREATE/DROP DATABASE). */
export function postgresBaseUrl(): string | null {
  return process.env.BENCH_DATABASE_URL || process.env.DATABASE_URL || null;
}

// ---------------------------------------------------------------- cleanup

const cleanups: (() => Promise<void> | void)[] = [];
let cleaning: Promise<void> | null = null;

/** Registers something to undo at the end (or on Ctrl-C); returns an unregister function. */
export function onCleanup(fn: () => Promise<void> | void): () => void {
  installSignalHandlers();
  cleanups.push(fn);
  return () => {
    const i = cleanups.indexOf(fn);
    if (i >= 0) cleanups.splice(i, 1);
  };
}

/** Runs every registered cleanup, newest first. */
export function runCleanups(): Promise<void> {
  cleaning ??= (async () => {
    while (cleanups.length) {
      const fn = cleanups.pop()!;
      try {
        await fn();
      } catch (err) {
        console.error("cleanup failed:", err);
      }
    }
  })().finally(() => {
    cleaning = null;
  });
  return cleaning;
}

let signalsInstalled = false;

/** Ctrl-C / SIGTERM in the bench process: undo everything, then exit (children have their own handlers). */
function installSignalHandlers(): void {
  if (signalsInstalled) return;
  signalsInstalled = true;
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      console.error(`\n${signal}: cleaning up…`);
      void runCleanups().finally(() => process.exit(130));
    });
  }
}

// ---------------------------------------------------------------- targets (throw-away databases)

/** One throw-away database of an engine: a PostgreSQL database or a PGlite data dir. */
export interface Target {
  engine: Engine;
  /** Set for PostgreSQL. */
  databaseUrl: string | null;
  /** Set for PGlite. */
  dataDir: string | null;
  label: string;
  drop(): Promise<void>;
}

/** Creates an empty database (PostgreSQL: `ow_bench_<name>_<pid>`; PGlite: a temp data dir), dropped at cleanup. */
export async function createTarget(engine: Engine, name: string): Promise<Target> {
  if (engine === "pglite") {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), `ow-bench-${name}-`));
    let dropped = false;
    const drop = async () => {
      if (dropped) return;
      dropped = true;
      if (process.env.BENCH_KEEP) return void console.log(`  BENCH_KEEP: kept ${dataDir}`);
      rmSync(dataDir, { recursive: true, force: true });
    };
    const unregister = onCleanup(drop);
    return { engine, databaseUrl: null, dataDir, label: `PGlite (file, ${dataDir})`, drop: async () => (unregister(), drop()) };
  }
  const base = postgresBaseUrl();
  if (!base) throw new Error("engine postgres needs BENCH_DATABASE_URL or DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/postgres)");
  const dbName = `ow_bench_${name}_${process.pid}`;
  await adminQuery(base, `drop database if exists ${dbName} with (force)`);
  await adminQuery(base, `create database ${dbName}`);
  const url = new URL(base);
  url.pathname = `/${dbName}`;
  let dropped = false;
  const drop = async () => {
    if (dropped) return;
    dropped = true;
    if (process.env.BENCH_KEEP) return void console.log(`  BENCH_KEEP: kept database ${dbName} (drop it by hand)`);
    await adminQuery(base, `drop database if exists ${dbName} with (force)`);
  };
  const unregister = onCleanup(drop);
  return { engine, databaseUrl: url.toString(), dataDir: null, label: `PostgreSQL (${url.host}/${dbName})`, drop: async () => (unregister(), drop()) };
}

async function adminQuery(url: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/** Raw SQL on the bench's own connection (PGlite instance or a pg pool). */
export interface Raw {
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  /** Several statements, no parameters. */
  exec(text: string): Promise<void>;
}

export interface Opened {
  database: Database;
  raw: Raw;
  close(): Promise<void>;
}

/** Opens a target with the app's openDatabase (migrated); `raw` runs plain SQL on the same client. */
export async function openTarget(t: Target, opts: { seed?: boolean; poolSize?: number } = {}): Promise<Opened> {
  // No client-side query timeout: bulk loads and EXPLAIN ANALYZE of slow queries run for minutes.
  const database = await openDatabase({ databaseUrl: t.databaseUrl, dataDir: t.dataDir ?? "memory://", poolSize: opts.poolSize ?? 10, queryTimeoutMs: 3_600_000 });
  await database.migrate();
  if (opts.seed) {
    await seedReferenceData(database.db);
    await seedDemoData(database.db);
  }
  const client = (database.db as unknown as { $client: unknown }).$client;
  const raw: Raw =
    database.kind === "postgres"
      ? {
          query: async <T>(text: string, params?: unknown[]) => (await (client as pg.Pool).query(text, params)).rows as T[],
          exec: async (text: string) => void (await (client as pg.Pool).query(text)),
        }
      : {
          query: async <T>(text: string, params?: unknown[]) =>
            (await (client as { query: (t: string, p?: unknown[]) => Promise<{ rows: T[] }> }).query(text, params)).rows,
          exec: async (text: string) => void (await (client as { exec: (t: string) => Promise<unknown> }).exec(text)),
        };
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await database.close();
  };
  // On Ctrl-C a long statement may be running: do not wait for it (the database is dropped next anyway).
  const unregister = onCleanup(() => Promise.race([close(), new Promise<void>((resolve) => setTimeout(resolve, 3000).unref())]));
  return { database, raw, close: async () => (unregister(), close()) };
}

export interface Logged {
  sql: string;
  params: unknown[];
}

/** The same database (same client/pool) seen through a drizzle instance that records every statement it sends. */
export function withQueryLog(database: Database, log: Logged[]): Database {
  const client = (database.db as unknown as { $client: any }).$client;
  const logger = { logQuery: (sql: string, params: unknown[]) => void log.push({ sql, params }) };
  const db = (database.kind === "postgres" ? drizzlePg({ client, schema, logger }) : drizzlePglite({ client, schema, logger })) as unknown as Db;
  return { ...database, db };
}

/** The in-process benchmarks' signing secret (their tokens never leave the process). */
const BENCH_SECRET = randomBytes(32).toString("base64url");

/** App deps in the bench process over an opened database (silent log, system clock), as test/support/testDeps.ts builds them. */
export function benchDeps(database: Database): AppDeps {
  const env = loadEnv({ NODE_ENV: "test", LOG_LEVEL: "silent", SERVE_CLIENT: "0", SEED_DEMO: "false", SWEEP_INTERVAL_SECONDS: "0" });
  return buildDeps(database, env, pino({ level: "silent" }), systemClock, BENCH_SECRET);
}

export interface InProcess {
  get(url: string, user: string): Promise<{ status: number; body: any }>;
  request(method: string, url: string, user: string, body?: unknown): Promise<{ status: number; body: any }>;
  /** Every statement the app sent since the last reset (`log.length = 0`). */
  log: Logged[];
}

/** The app in this process over the bench's connection, with every statement logged (for counting and EXPLAIN). */
export async function withInProcessApp<T>(opened: Opened, fn: (app: InProcess) => Promise<T>): Promise<T> {
  const log: Logged[] = [];
  const deps = benchDeps(withQueryLog(opened.database, log));
  const server = createServer(createApp(deps));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  const users = Object.fromEntries((await opened.raw.query<{ username: string; id: string; session_epoch: number }>("select username, id, session_epoch from users")).map((u) => [u.username, u]));
  const tokens = new Map<string, string>();
  const request = async (method: string, url: string, user: string, body?: unknown) => {
    if (!tokens.has(user)) tokens.set(user, await deps.tokens.issue(users[user].id, users[user].session_epoch));
    const res = await fetch(base + url, {
      method,
      headers: { authorization: `Bearer ${tokens.get(user)}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  };
  try {
    return await fn({ log, request, get: (url, user) => request("GET", url, user) });
  } finally {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

/** The statements one request sends (second request of two, so caches are warm). */
export async function statementsOf(app: InProcess, method: string, url: string, user: string, body?: () => unknown): Promise<Logged[]> {
  await app.request(method, url, user, body?.());
  app.log.length = 0;
  const res = await app.request(method, url, user, body?.());
  if (res.status >= 300) throw new Error(`${method} ${url} → ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
  return [...app.log];
}

/** One line per statement, SQL cut short. */
export function statementSummary(list: Logged[]): string {
  return list.map((q, i) => `    ${i + 1}. ${q.sql.replace(/\s+/g, " ").slice(0, 110)}`).join("\n");
}

// ---------------------------------------------------------------- child servers

export { childLifecycle } from "./child.ts";

export interface ChildServer {
  pid: number;
  port: number;
  url: string;
  info: Record<string, any>;
  stop(): Promise<void>;
}

/**
 * Starts a TypeScript server script in its own Node process (so autocannon and
 * the server do not share an event loop) and waits for its `{type: "ready", port}`
 * IPC message. The child exits when told, when the parent disconnects, or is killed after 15 s.
 */
export async function startChild(script: string, env: Record<string, string>, opts: { nodeArgs?: string[]; timeoutMs?: number } = {}): Promise<ChildServer> {
  const child: ChildProcess = spawn(process.execPath, [...(opts.nodeArgs ?? []), "--import", "tsx", path.join(BENCH_DIR, script)], {
    cwd: ROOT_DIR,
    env: { ...process.env, ...env },
    stdio: ["ignore", "ignore", "inherit", "ipc"],
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  let killTimer: NodeJS.Timeout | undefined;
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    if (child.connected) child.send({ type: "stop" });
    else child.kill("SIGTERM");
    killTimer = setTimeout(() => child.kill("SIGKILL"), 15_000);
    await exited;
    clearTimeout(killTimer);
  };
  const unregister = onCleanup(stop);
  const ready = await new Promise<Record<string, any>>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${script} did not start within ${opts.timeoutMs ?? 120_000} ms`)), opts.timeoutMs ?? 120_000);
    child.on("message", (m: any) => {
      if (m?.type === "ready") {
        clearTimeout(timer);
        resolve(m);
      } else if (m?.type === "error") {
        clearTimeout(timer);
        reject(new Error(`${script}: ${m.message}`));
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`${script} exited with code ${code} before it was ready`));
    });
  }).catch(async (err) => {
    unregister();
    await stop();
    throw err;
  });
  return {
    pid: child.pid!,
    port: ready.port,
    url: `http://127.0.0.1:${ready.port}`,
    info: ready,
    stop: async () => {
      unregister();
      await stop();
    },
  };
}

/** Env for the server children pointing at a target. */
export function targetEnv(t: Target): Record<string, string> {
  return t.databaseUrl ? { DATABASE_URL: t.databaseUrl, DATA_DIR: "./data" } : { DATABASE_URL: "", DATA_DIR: t.dataDir! };
}

// ---------------------------------------------------------------- load generation

export interface LoadSummary {
  /** 2xx responses per second of measured time. */
  okPerSec: number;
  /** All responses per second. */
  perSec: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  /** Connection errors and timeouts. */
  errors: number;
  non2xx: number;
  total: number;
  statusCodes: Record<string, number>;
  seconds: number;
}

export function runAutocannon(opts: Parameters<typeof autocannon>[0]): Promise<AutocannonResult> {
  return new Promise((resolve, reject) => {
    autocannon({ timeout: 10, ...opts }, (err, result) => (err ? reject(err) : resolve(result)));
  });
}

export function summarize(r: AutocannonResult): LoadSummary {
  const statusCodes: Record<string, number> = {};
  for (const [code, s] of Object.entries(r.statusCodeStats ?? {})) statusCodes[code] = Number(s.count);
  const total = Object.values(statusCodes).reduce((a, b) => a + b, 0);
  const ok = r["2xx"];
  return {
    okPerSec: ok / r.duration,
    perSec: total / r.duration,
    p50: r.latency.p50,
    p90: r.latency.p90,
    p99: r.latency.p99,
    max: r.latency.max,
    errors: r.errors + r.timeouts,
    non2xx: r.non2xx,
    total,
    statusCodes,
    seconds: r.duration,
  };
}

/** Warm-up (discarded) then a measured autocannon run against url with the given request sequence. */
export async function loadTest(
  url: string,
  requests: () => AutocannonRequest[],
  o: Pick<BenchOptions, "connections" | "duration" | "warmup">,
  monitorPids: number[] = [],
): Promise<{ summary: LoadSummary; cpu: CpuUsage }> {
  if (o.warmup > 0) await runAutocannon({ url, connections: o.connections, duration: o.warmup, requests: requests() });
  const cpu = startCpuMonitor(monitorPids);
  const result = await runAutocannon({ url, connections: o.connections, duration: o.duration, requests: requests() });
  return { summary: summarize(result), cpu: cpu.stop() };
}

// ---------------------------------------------------------------- sequential latency

export interface Latency {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
  errors: number;
}

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

export function latencyOf(samples: number[], errors = 0): Latency {
  const s = [...samples].sort((a, b) => a - b);
  return {
    n: s.length,
    p50: percentile(s, 50),
    p95: percentile(s, 95),
    p99: percentile(s, 99),
    max: s[s.length - 1] ?? NaN,
    mean: s.reduce((a, b) => a + b, 0) / (s.length || 1),
    errors,
  };
}

/**
 * Runs `op(i)` sequentially: `warmup` times unmeasured, then `n` times measured (ms),
 * or fewer when maxSeconds pass (at least 20). op returns false (or throws) for an error.
 */
export async function sampleSequential(n: number, warmup: number, op: (i: number) => Promise<boolean | void>, maxSeconds = 60): Promise<Latency> {
  const samples: number[] = [];
  let errors = 0;
  let firstError: unknown = null;
  const deadline = performance.now() + maxSeconds * 1000;
  for (let i = 0; i < warmup + n; i++) {
    // Slow endpoints: stop after maxSeconds once 20 samples are in (the table shows n).
    if (i >= warmup + 20 && performance.now() > deadline) break;
    const t0 = performance.now();
    let ok = true;
    try {
      ok = (await op(i)) !== false;
    } catch (err) {
      ok = false;
      firstError ??= err;
    }
    const ms = performance.now() - t0;
    if (i < warmup) continue;
    if (ok) samples.push(ms);
    else errors++;
  }
  if (firstError) console.error("  first error:", firstError instanceof Error ? firstError.message : firstError);
  return latencyOf(samples, errors);
}

// ---------------------------------------------------------------- CPU accounting (Linux /proc)

export interface CpuUsage {
  /** Busy share of the whole machine, in % of one core (200 % = both cores of a 2-core box). */
  machine: number;
  /** The monitored processes (server child), in % of one core. */
  processes: number;
  /** …of which in the kernel (system time). */
  processesSys: number;
  /** All `postgres` processes on the machine (ours and other engineers' test suites), in % of one core. */
  postgres: number;
  /** This process (the load generator), in % of one core. */
  self: number;
  load1: number;
}

const CLK_TCK = 100;

function procTicks(pid: number | "self", which: "all" | "sys" = "all"): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return which === "sys" ? Number(fields[12]) : Number(fields[11]) + Number(fields[12]);
  } catch {
    return 0;
  }
}

function postgresTicks(): number {
  let total = 0;
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      if (stat.includes("(postgres)")) total += procTicks(Number(entry));
    } catch {
      // the process ended meanwhile
    }
  }
  return total;
}

function machineTicks(): { busy: number; total: number } {
  try {
    const line = readFileSync("/proc/stat", "utf8").split("\n")[0];
    const v = line.trim().split(/\s+/).slice(1).map(Number);
    const idle = v[3] + (v[4] ?? 0);
    const total = v.reduce((a, b) => a + b, 0);
    return { busy: total - idle, total };
  } catch {
    return { busy: 0, total: 0 };
  }
}

/** Starts measuring CPU use; stop() returns the shares over the interval. */
export function startCpuMonitor(pids: number[]): { stop(): CpuUsage } {
  const t0 = performance.now();
  const m0 = machineTicks();
  const p0 = pids.map((p) => procTicks(p));
  const ps0 = pids.map((p) => procTicks(p, "sys"));
  const pg0 = postgresTicks();
  const s0 = procTicks("self");
  return {
    stop: () => {
      const seconds = (performance.now() - t0) / 1000;
      const m1 = machineTicks();
      const cores = os.cpus().length;
      const pct = (ticks: number) => (100 * ticks) / CLK_TCK / seconds;
      return {
        machine: m1.total > m0.total ? (100 * cores * (m1.busy - m0.busy)) / (m1.total - m0.total) : NaN,
        processes: pct(pids.reduce((a, p, i) => a + procTicks(p) - p0[i], 0)),
        processesSys: pct(pids.reduce((a, p, i) => a + procTicks(p, "sys") - ps0[i], 0)),
        postgres: pct(postgresTicks() - pg0),
        self: pct(procTicks("self") - s0),
        load1: os.loadavg()[0],
      };
    },
  };
}

export function describeCpu(c: CpuUsage): string {
  return `machine ${c.machine.toFixed(0)}% of ${os.cpus().length * 100}%, server ${c.processes.toFixed(0)}% (sys ${c.processesSys.toFixed(0)}%), postgres procs ${c.postgres.toFixed(0)}%, load generator ${c.self.toFixed(0)}%, load1 ${c.load1.toFixed(2)}`;
}

/** What else the machine is doing (other engineers' test suites share it). */
export function machineConditions(): string {
  const [l1, l5, l15] = os.loadavg();
  return `${os.cpus().length} cores (${os.cpus()[0]?.model ?? "?"}), load average ${l1.toFixed(2)} / ${l5.toFixed(2)} / ${l15.toFixed(2)}, Node ${process.version}`;
}

// ---------------------------------------------------------------- output

export function printTable(title: string, headers: string[], rows: (string | number)[][]): void {
  const cells = [headers, ...rows.map((r) => r.map((c) => String(c)))];
  const width = (s: string) => [...s].reduce((w, ch) => w + (/[\u1100-\uffff]/.test(ch) ? 2 : 1), 0);
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => width(r[i] ?? ""))));
  const line = (r: string[]) => "| " + r.map((c, i) => c + " ".repeat(widths[i] - width(c))).join(" | ") + " |";
  console.log(`\n${title}`);
  console.log(line(cells[0]));
  console.log("|" + widths.map((w) => "-".repeat(w + 2)).join("|") + "|");
  for (const r of cells.slice(1)) console.log(line(r));
}

export const fmt = {
  n: (x: number, digits = 0) => (Number.isFinite(x) ? x.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits }) : "–"),
  ms: (x: number) => (Number.isFinite(x) ? (x < 10 ? x.toFixed(2) : x.toFixed(1)) + " ms" : "–"),
  pct: (x: number) => (Number.isFinite(x) ? `${(100 * x).toFixed(0)} %` : "–"),
};

export function engineName(e: Engine): string {
  return e === "pglite" ? "PGlite (file)" : "PostgreSQL";
}

// ---------------------------------------------------------------- realistic case texts

export interface CaseTemplate {
  title: string;
  description: string;
  categoryCode: string;
  /** Owner department code of the category (null: the operator chooses). */
  department: string | null;
}

const T = (categoryCode: string, department: string | null, list: [string, string][]): CaseTemplate[] =>
  list.map(([title, description]) => ({ title, description, categoryCode, department }));

/** Fifty realistic 12345 / 营商环境 case titles, across the seeded categories. */
export const CASE_TEMPLATES: CaseTemplate[] = [
  ...T("env.noise", "env", [
    ["夜间施工噪音扰民", "柯城区某工地每天晚上十点后仍在施工，噪音很大，影响周边居民休息。"],
    ["广场舞音响噪音过大", "小区旁边广场每晚跳广场舞，音响开得很大，持续到九点半以后。"],
    ["KTV营业噪音影响休息", "楼下KTV凌晨仍有较大噪音，多次与经营者沟通无果。"],
    ["工厂设备噪音扰民", "附近工厂冷却塔设备昼夜运行，低频噪音明显，晚上无法入睡。"],
  ]),
  ...T("env.air", "env", [
    ["企业废气排放异味", "工业园区某化工企业傍晚排放刺激性气味废气，周边居民感到不适。"],
    ["餐饮油烟直排", "沿街餐馆油烟未经净化直接排放，影响楼上住户开窗通风。"],
    ["露天焚烧垃圾", "村口有人露天焚烧生活垃圾和塑料，烟雾很大。"],
    ["搅拌站扬尘污染", "混凝土搅拌站未采取抑尘措施，周边道路扬尘严重。"],
  ]),
  ...T("env.water", "env", [
    ["河道出现黑臭水体", "衢江支流某段河水发黑发臭，疑似有企业偷排污水。"],
    ["养殖场污水直排", "生猪养殖场污水未经处理排入农田沟渠。"],
  ]),
  ...T("market.license", "market", [
    ["企业名称登记咨询", "咨询新设立有限公司名称自主申报的流程和所需材料。"],
    ["营业执照变更办理进度", "公司经营范围变更申请已提交十个工作日，至今尚未办结。"],
    ["个体工商户注销流程咨询", "咨询个体工商户简易注销需要提交哪些材料。"],
  ]),
  ...T("market.food", "market", [
    ["超市销售过期食品", "在某超市购买的酸奶已过保质期，货架上仍在销售。"],
    ["外卖餐品卫生问题", "外卖餐品中发现异物，商家拒绝处理。"],
    ["学校周边无证食品摊贩", "学校门口有无证摊贩售卖三无食品，存在安全隐患。"],
  ]),
  ...T("market.consumer", "market", [
    ["预付卡商家跑路", "健身房突然关门停业，会员预付卡余额无法退还。"],
    ["网购商品质量纠纷", "网购家电存在质量问题，商家拒绝七天无理由退货。"],
    ["装修公司合同纠纷", "装修公司收取定金后迟迟不开工，要求退款被拒绝。"],
  ]),
  ...T("market.pricing", "market", [
    ["停车场乱收费", "医院停车场收费标准未公示，实际收费高于规定标准。"],
    ["景区商品未明码标价", "景区内商店商品未明码标价，结账时临时加价。"],
  ]),
  ...T("housing.construction", "housing", [
    ["渣土车沿路抛洒", "渣土车运输途中沿路抛洒，道路泥泞不堪。"],
    ["违规夜间浇筑混凝土", "工地未取得夜间施工许可，连续多晚浇筑混凝土。"],
    ["在建楼盘停工", "购买的商品房项目已停工三个月，担心无法按期交房。"],
  ]),
  ...T("housing.property", "housing", [
    ["物业费收费标准争议", "物业公司擅自上调物业费，多数业主不认可。"],
    ["小区电梯频繁故障", "小区电梯经常停运，物业维修不及时。"],
    ["小区公共收益去向不明", "小区广告位和停车位收益未向业主公示。"],
    ["老旧小区加装电梯咨询", "咨询老旧小区加装电梯的补助政策和审批流程。"],
  ]),
  ...T("hrss.wages", "hrss", [
    ["建筑工人被拖欠工资", "在某工地务工三个月，工资一直未结清。"],
    ["公司拖欠员工工资", "公司以经营困难为由拖欠全体员工两个月工资。"],
    ["离职后工资未结算", "已办理离职手续一个月，最后一个月工资仍未发放。"],
  ]),
  ...T("hrss.social_insurance", "hrss", [
    ["单位未缴纳社会保险", "入职半年，单位一直未为本人缴纳社会保险。"],
    ["社保转移接续办理", "咨询跨省社会保险关系转移接续的办理渠道。"],
    ["灵活就业人员参保咨询", "咨询灵活就业人员养老保险缴费基数和缴费方式。"],
  ]),
  ...T("hrss.employment", "hrss", [
    ["高校毕业生就业补贴申领", "咨询高校毕业生到小微企业就业的补贴如何申领。"],
    ["人才公寓申请条件", "咨询人才公寓的申请条件和办理时间。"],
    ["创业担保贷款咨询", "咨询创业担保贷款的额度和贴息政策。"],
  ]),
  ...T("tax.invoice", "tax", [
    ["商家拒开电子发票", "消费后商家以各种理由拒绝开具电子发票。"],
    ["增值税专用发票领用", "咨询新办纳税人首次领用增值税专用发票的流程。"],
    ["发票丢失如何处理", "增值税专用发票丢失，咨询补救办理方式。"],
  ]),
  ...T("tax.policy", "tax", [
    ["小微企业税收优惠咨询", "咨询小型微利企业所得税减免政策的适用条件。"],
    ["研发费用加计扣除咨询", "咨询研发费用加计扣除的适用范围和申报方式。"],
    ["个人所得税汇算清缴", "咨询个人所得税综合所得年度汇算的办理时间。"],
  ]),
  ...T("planning.land", "planning", [
    ["工业用地审批进度", "企业工业用地规划许可申请已超期仍未办结。"],
    ["违法占用耕地建房", "有村民在基本农田上违法建房。"],
    ["规划许可证办理咨询", "咨询建设工程规划许可证办理需要的材料。"],
  ]),
  ...T("business.environment", null, [
    ["企业开办审批时间过长", "企业开办涉及多个部门审批，整体时间过长。"],
    ["涉企检查过多", "企业一个月内接受多个部门重复检查，影响正常经营。"],
    ["政府项目款项拖欠", "承接的政府采购项目已验收，款项拖欠半年未支付。"],
    ["惠企政策兑现难", "申请的惠企政策资金迟迟未兑现。"],
  ]),
];

export const ENTERPRISE_NAMES = [
  "衢州市柯城区晨光五金厂",
  "浙江衢江新材料有限公司",
  "龙游县绿源食品有限公司",
  "江山市鑫达建筑工程有限公司",
  "常山县胡柚农业开发有限公司",
  "开化县钱江源旅游有限公司",
  "衢州智造科技有限公司",
  "衢州市南孔物业管理有限公司",
  "浙江四省通衢物流有限公司",
  "衢州市百姓大药房连锁有限公司",
];

const SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗";
const GIVEN = ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀英", "霞", "平"];
const PLACES = ["柯城区荷花街道", "柯城区府山街道", "衢江区樟潭街道", "龙游县龙洲街道", "江山市虎山街道", "常山县天马街道", "开化县华埠镇", "智造新城"];

/** A valid, varied intake body (api.md, Intake) for the i-th request. */
export function intakeBody(i: number): Record<string, unknown> {
  const t = CASE_TEMPLATES[i % CASE_TEMPLATES.length];
  const withEnterprise = i % 3 === 0;
  return {
    type: i % 4 === 1 ? "consultation" : "complaint",
    title: t.title,
    description: `${t.description}（第${(i % 97) + 1}次反映）`,
    categoryCode: t.categoryCode,
    priority: i % 20 === 0 ? "urgent" : "normal",
    requester: {
      name: SURNAMES[i % SURNAMES.length] + GIVEN[i % GIVEN.length],
      phone: `13${String(100000000 + ((i * 7919) % 900000000)).padStart(9, "0")}`,
      ...(withEnterprise ? { enterpriseName: ENTERPRISE_NAMES[i % ENTERPRISE_NAMES.length] } : {}),
    },
    location: PLACES[i % PLACES.length],
  };
}

/** The lexemes the app stores for a text (precomputed for the bulk loader). */
export function lexemesOf(text: string): string[] {
  return searchLexemes(text);
}

export { SURNAMES, GIVEN, PLACES };
