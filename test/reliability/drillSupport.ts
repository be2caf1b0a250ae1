/**
 * Tools of the reliability drills: scratch PostgreSQL databases, a real server
 * process, in-process deps over any database, a TCP proxy to cut, and the
 * invariants every drill checks on the data.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createServer as createNetServer, connect, type Server as NetServer, type Socket } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import pg from "pg";
import { pino, type Logger } from "pino";
import { systemClock } from "../../server/clock.ts";
import type { AppDeps } from "../../server/context.ts";
import { openDatabase, queryRows, type Database, type Executor } from "../../server/db.ts";
import { buildDeps } from "../../server/deps.ts";
import { seedDemoData, seedReferenceData } from "../../server/seed.ts";
import { testEnv } from "../support/testDeps.ts";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A fresh database on the PostgreSQL server of DATABASE_URL, dropped by drop(). */
export async function scratchDatabase(prefix: string): Promise<{ name: string; url: string; drop(): Promise<void> }> {
  const base = new URL(process.env.DATABASE_URL!);
  const name = `${prefix}_${process.pid}_${Math.floor(Math.random() * 1e6)}`;
  const admin = new URL(base.href);
  admin.pathname = "/postgres";
  const run = async (statement: string) => {
    const client = new pg.Client({ connectionString: admin.href });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await run(`create database "${name}"`);
  const url = new URL(base.href);
  url.pathname = `/${name}`;
  return { name, url: url.href, drop: () => run(`drop database if exists "${name}" with (force)`) };
}

/** Runs one statement as the server's superuser (outside any application pool). */
export async function adminQuery<R extends pg.QueryResultRow = pg.QueryResultRow>(statement: string): Promise<pg.QueryResult<R>> {
  const admin = new URL(process.env.DATABASE_URL!);
  admin.pathname = "/postgres";
  const client = new pg.Client({ connectionString: admin.href });
  await client.connect();
  try {
    return await client.query<R>(statement);
  } finally {
    await client.end();
  }
}

/** Opens a database, migrated and seeded with reference and demo data. */
export async function openSeeded(opts: { databaseUrl: string | null; dataDir?: string; poolSize?: number }): Promise<Database> {
  const database = await openDatabase({ databaseUrl: opts.databaseUrl, dataDir: opts.dataDir ?? "memory://", poolSize: opts.poolSize ?? 10 });
  await database.migrate();
  await seedReferenceData(database.db);
  await seedDemoData(database.db);
  return database;
}

/** One signing secret for every instance a drill builds in this process. */
const DRILL_SECRET = randomBytes(32).toString("base64url");

/** App deps over a database of the drill's own (the shared test database is not touched). */
export function depsOver(database: Database, log: Logger = pino({ level: "silent" })): AppDeps {
  const env = testEnv();
  return buildDeps(database, env, log, systemClock, DRILL_SECRET);
}

/**
 * A free TCP port on the loopback interface, drawn from 20000–29999: below the kernel's
 * ephemeral range, so that no other process's port-0 listener takes it while the child boots.
 */
export async function freePort(): Promise<number> {
  for (;;) {
    const port = 20_000 + Math.floor(Math.random() * 10_000);
    const server = createNetServer();
    const free = await new Promise<boolean>((resolve) => {
      server.once("error", () => resolve(false));
      server.listen(port, "127.0.0.1", () => resolve(true));
    });
    if (free) {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      return port;
    }
  }
}

/** The real server (`node --import tsx server/main.ts`) as a child process. */
export interface ServerProcess {
  proc: ChildProcess;
  base: string;
  output: string[];
  /** SIGTERM and wait for the exit. */
  stop(): Promise<void>;
  /** kill -9 and wait for the exit. */
  kill9(): Promise<void>;
}

// A fresh embedded database initialises in 4–15 s (PGlite's initdb is CPU-bound) and the start migrates and seeds it:
// on a loaded 2-core machine that took up to 90 s, so the wait is generous.
export async function startServer(env: Record<string, string>, timeoutMs = 180_000): Promise<ServerProcess> {
  const port = await freePort();
  const proc = spawn(process.execPath, ["--import", "tsx", "server/main.ts"], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: "", HOST: "127.0.0.1", PORT: String(port), SERVE_CLIENT: "0", LOG_LEVEL: "warn", SEED_DEMO: "true", NODE_ENV: "development", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output: string[] = [];
  proc.stdout!.on("data", (d: Buffer) => output.push(d.toString()));
  proc.stderr!.on("data", (d: Buffer) => output.push(d.toString()));
  const exited = new Promise<void>((resolve) => proc.once("exit", () => resolve()));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`server exited with ${proc.exitCode}:\n${output.join("").slice(-3000)}`);
    if (Date.now() > deadline) {
      proc.kill("SIGKILL");
      throw new Error(`server not healthy after ${timeoutMs} ms:\n${output.join("").slice(-3000)}`);
    }
    const ok = await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(2000) }).then((r) => r.ok, () => false);
    if (ok) break;
    await sleep(150);
  }
  return {
    proc,
    base,
    output,
    stop: async () => {
      if (proc.exitCode === null) proc.kill("SIGTERM");
      await exited;
    },
    kill9: async () => {
      proc.kill("SIGKILL");
      await exited;
    },
  };
}

/** Runs fn; when it fails, the error tells how the server process ended and what it logged. */
export async function explained<T>(server: ServerProcess, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    const state = server.proc.exitCode !== null || server.proc.signalCode ? `exited (${server.proc.exitCode ?? server.proc.signalCode})` : "running";
    throw new Error(`${(err as Error).message}; server ${state}, its output:\n${server.output.join("").slice(-4000)}`);
  }
}

/** Signs a demo user in over HTTP and returns a bearer header. */
export async function signIn(base: string, username: string, password = "onewindow-demo"): Promise<Record<string, string>> {
  const res = await fetch(`${base}/api/auth/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ username, password }) });
  if (!res.ok) throw new Error(`sign-in of ${username}: ${res.status} ${await res.text()}`);
  const { token } = (await res.json()) as { token: string };
  return { authorization: `Bearer ${token}`, "content-type": "application/json" };
}

/** A TCP proxy in front of PostgreSQL that a drill can cut (refusing and resetting everything) and restore. */
export class TcpProxy {
  private server: NetServer | null = null;
  private readonly sockets = new Set<Socket>();
  private readonly pairs = new Set<[Socket, Socket]>();
  private frozen = false;
  port = 0;
  constructor(private readonly target: { host: string; port: number }) {}

  async open(): Promise<void> {
    const server = createNetServer((client) => {
      if (this.frozen) {
        // Accepted by the network stack, never answered.
        this.sockets.add(client.on("close", () => this.sockets.delete(client)).on("error", () => {}));
        return client.pause();
      }
      const upstream = connect(this.target.port, this.target.host);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on("close", () => this.sockets.delete(s));
        s.on("error", () => {});
      }
      const pair: [Socket, Socket] = [client, upstream];
      this.pairs.add(pair);
      client.on("close", () => this.pairs.delete(pair));
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => server.listen(this.port, "127.0.0.1", resolve));
    this.port = (server.address() as { port: number }).port;
    this.server = server;
  }

  /** A partition: every byte is dropped from now on, nothing is closed or reset. */
  freeze(): void {
    this.frozen = true;
    for (const s of this.sockets) {
      s.unpipe();
      s.pause();
    }
  }

  /** The network is back: the frozen connections are gone (as after a real partition), new ones pass. */
  thaw(): void {
    this.frozen = false;
    for (const s of this.sockets) s.destroy();
  }

  /** A short partition heals: TCP retransmits, so the frozen connections carry on with every byte delayed, none lost. */
  heal(): void {
    this.frozen = false;
    for (const [client, upstream] of this.pairs) {
      client.pipe(upstream).pipe(client);
      client.resume();
      upstream.resume();
    }
  }

  /** The outage: no new connections, every open one reset. */
  async cut(): Promise<void> {
    const server = this.server;
    this.server = null;
    for (const s of this.sockets) s.resetAndDestroy();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

/** Numbers, ids and intake events of every case; what every drill's invariants are checked on. */
export async function caseInvariants(ex: Executor): Promise<{ ids: Set<string>; withoutIntake: string[]; gaps: string[] }> {
  const rows = await queryRows<{ id: string; number: string }>(ex, sql`select id, number from cases`);
  const withoutIntake = (await queryRows<{ id: string }>(ex, sql`select c.id from cases c where not exists (select 1 from case_events e where e.case_id = c.id and e.seq = 1 and e.action = 'intake')`)).map((r) => r.id);
  const days = await queryRows<{ day: string; last: number }>(ex, sql`select day, last from case_numbers`);
  const gaps: string[] = [];
  for (const { day, last } of days) {
    const ymd = day.replaceAll("-", "");
    const seqs = rows.filter((r) => r.number.slice(-14, -6) === ymd).map((r) => Number(r.number.slice(-6))).sort((a, b) => a - b);
    const expected = Array.from({ length: last }, (_, i) => i + 1);
    if (JSON.stringify(seqs) !== JSON.stringify(expected)) gaps.push(`${day}: last=${last}, numbers ${seqs.length} (${seqs.slice(0, 5).join(",")}…${seqs.slice(-3).join(",")})`);
  }
  return { ids: new Set(rows.map((r) => r.id)), withoutIntake, gaps };
}

/** A valid hotline intake body. */
export function intakeBody(i: number): string {
  return JSON.stringify({ type: "complaint", title: `夜间施工噪音扰民 ${i}`, description: "柯城区某工地每天晚上十点后仍在施工。", categoryCode: "env.noise", requester: { name: "张三", phone: "13800138000" } });
}
