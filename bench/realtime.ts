/**
 * Realtime benchmark (prints figures, asserts nothing):
 *   node --expose-gc --import tsx bench/realtime.ts [--sockets 1000] [--cases 100] [--workers 8] [--tickets 200] [--windows 20] [--boards 10]
 * The server runs in this process on PGlite in memory (or DATABASE_URL); the
 * socket.io-client sockets run in a forked child, so the memory figures are the
 * server's alone. Latency = the domain event's publication right after commit
 * (bus listener in the server) → receipt on a client socket, both stamped with
 * performance.timeOrigin + performance.now() on the same host. A last phase is the service-centre hall
 * (bench/hall.ts): call-next's commit → queue.called on the /board sockets.
 */
import { fork } from "node:child_process";
import { randomUUID } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import { fileURLToPath } from "node:url";
import { pino } from "pino";
import type { Role } from "../models/enums.ts";
import { insertDepartment, insertEnterprise, insertUser } from "../models/queries/directory.ts";
import { createApp, createSessionMiddleware } from "../server/app.ts";
import { hashPassword } from "../server/auth/passwords.ts";
import { createDeps } from "../server/deps.ts";
import { loadEnv } from "../server/env.ts";
import { startRealtime } from "../server/realtime/io.ts";
import { seedReferenceData } from "../server/seed.ts";
import { buildCreditCode } from "../test/factories.ts";
import { runHall } from "./hall.ts";

const stamp = () => performance.timeOrigin + performance.now();
const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};

interface ClientSpec {
  token: string;
  scope: string;
}
type Receipts = Record<string, number[]>;

// ------------------------------------------------------------------ client child
async function clientsMain(): Promise<void> {
  const { io } = await import("socket.io-client");
  const receipts: Receipts = {};
  const note = (key: string) => (receipts[key] ??= []).push(stamp());
  process.on("message", async (msg: { type: string; url?: string; clients?: ClientSpec[] }) => {
    if (msg.type === "connect") {
      const started = stamp();
      const specs = msg.clients!;
      for (let i = 0; i < specs.length; i += 50) {
        await Promise.all(
          specs.slice(i, i + 50).map(
            (spec) =>
              new Promise<void>((resolve, reject) => {
                const s = io(msg.url!, { transports: ["websocket"], auth: { token: spec.token }, reconnection: false, forceNew: true });
                s.on("case.created", (p: { case: { id: string } }) => note(`c:${p.case.id}`));
                s.on("case.updated", (p: { event: { id: string } }) => note(`u:${p.event.id}`));
                s.once("connect", () => resolve());
                s.once("connect_error", reject);
              }),
          ),
        );
      }
      process.send!({ type: "connected", ms: stamp() - started });
    } else if (msg.type === "boards") {
      // The hall's display screens: the public /board namespace, no sign-in.
      await Promise.all(
        Array.from({ length: Number(msg.url!.split("#")[1]) }, () => new Promise<void>((resolve, reject) => {
          const s = io(`${msg.url!.split("#")[0]}/board`, { transports: ["websocket"], reconnection: false, forceNew: true });
          s.on("queue.called", (p: { number: string }) => note(`q:${p.number}`));
          s.once("connect", () => resolve());
          s.once("connect_error", reject);
        })),
      );
      process.send!({ type: "boards" });
    } else if (msg.type === "report") {
      process.send!({ type: "report", receipts });
    } else if (msg.type === "exit") {
      process.exit(0);
    }
  });
}

// ------------------------------------------------------------------ server
function quantile(sorted: number[], q: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}
const ms = (v: number) => (Number.isNaN(v) ? "–" : v.toFixed(1));

function table(headers: string[], rows: (string | number)[][]): void {
  const cells = [headers, ...rows.map((r) => r.map(String))];
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => r[i].length)));
  const line = (r: string[]) => "| " + r.map((c, i) => c.padEnd(widths[i])).join(" | ") + " |";
  console.log(line(cells[0]));
  console.log("|" + widths.map((w) => "-".repeat(w + 2)).join("|") + "|");
  for (const r of cells.slice(1)) console.log(line(r));
}

async function serverMain(): Promise<void> {
  const SOCKETS = arg("sockets", 1000);
  const CASES = arg("cases", 100);
  const WORKERS = arg("workers", 8);
  const gc = (globalThis as { gc?: () => void }).gc;
  const env = loadEnv({ ...process.env, NODE_ENV: "production", SESSION_SECRET: "onewindow-benchmark-secret-0123456789", DATA_DIR: "memory://", LOG_LEVEL: "silent", SERVE_CLIENT: "0", SEED_DEMO: "false", SWEEP_INTERVAL_SECONDS: "0", KIOSK_RATE_LIMIT: "100000" });
  const deps = await createDeps(env, pino({ level: "silent" }));
  await seedReferenceData(deps.database.db);
  const db = deps.database.db;

  // Scopes: 20 % all-cases staff, 60 % handlers of 6 departments, 20 % enterprise users (2 per enterprise).
  const passwordHash = await hashPassword("bench-password-1");
  const tag = randomUUID().slice(0, 8);
  const departments = await Promise.all(Array.from({ length: 6 }, (_, i) => insertDepartment(db, { id: randomUUID(), code: `rt${tag}${i}`, name: `实时部门${i}`, level: "city", parentId: null })));
  const enterprises: string[] = [];
  let enterpriseUsers = 0;
  const specs: ClientSpec[] = [];
  const tokensByScope: Record<string, string[]> = {};
  for (let i = 0; i < SOCKETS; i++) {
    const slot = i % 10;
    let role: Role, departmentId: string | null = null, enterpriseId: string | null = null, scope: string;
    if (slot < 2) [role, scope] = [(["operator", "supervisor", "admin"] as const)[i % 3], "all"];
    else if (slot < 8) {
      role = "handler";
      departmentId = departments[i % 6].id;
      scope = `department:${i % 6}`;
    } else {
      role = "enterprise";
      // Two users per enterprise.
      if (enterpriseUsers++ % 2 === 0) enterprises.push((await insertEnterprise(db, { id: randomUUID(), name: `基准企业${tag}${i}有限公司`, creditCode: buildCreditCode() })).id);
      enterpriseId = enterprises[enterprises.length - 1];
      scope = `enterprise:${enterprises.length - 1}`;
    }
    const user = await insertUser(db, { id: randomUUID(), username: `rt${tag}${i}`, displayName: `rt ${i}`, passwordHash, role, departmentId, enterpriseId });
    const token = await deps.tokens.issue(user.id, user.sessionEpoch);
    specs.push({ token, scope });
    (tokensByScope[role === "operator" ? "operator" : scope] ??= []).push(token);
  }

  const sessionMiddleware = createSessionMiddleware(deps);
  const server = createServer(createApp(deps, sessionMiddleware));
  const realtime = await startRealtime(server, deps, { sessionMiddleware });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const commits = new Map<string, number>();
  deps.bus.subscribe((e) => {
    if (e.type === "case.created") commits.set(`c:${e.case.id}`, stamp());
    else if (e.type === "case.updated") commits.set(`u:${e.event.id}`, stamp());
  });

  const child = fork(fileURLToPath(import.meta.url), ["--clients"], { stdio: "inherit" });
  const next = (type: string) => new Promise<any>((resolve) => child.on("message", function on(m: any) { if (m.type === type) { child.off("message", on); resolve(m); } }));
  gc?.(); gc?.();
  const before = process.memoryUsage();
  child.send({ type: "connect", url, clients: specs });
  const connected = await next("connected");
  await new Promise((r) => setTimeout(r, 1500));
  gc?.(); gc?.();
  const after = process.memoryUsage();

  const call = async (token: string, path: string, body: unknown) => {
    const res = await fetch(url + path, { method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, body: JSON.stringify(body) });
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as { case: { id: string } };
  };
  const httpMs: number[] = [];
  const timed = async <T>(f: () => Promise<T>) => {
    const t = stamp();
    const r = await f();
    httpMs.push(stamp() - t);
    return r;
  };
  const enterpriseCount = enterprises.length;
  /** One case's life: intake (operator, or an enterprise for every 5th) → dispatch → sign → public comment: 4 committed actions. */
  const lifecycle = async (n: number) => {
    const d = n % 6;
    const handler = tokensByScope[`department:${d}`][n % tokensByScope[`department:${d}`].length];
    const op = tokensByScope.operator[n % tokensByScope.operator.length];
    const body = { type: "complaint", title: "夜间施工噪音扰民", description: "工地夜间施工，噪音很大。", categoryCode: "env.noise", priority: "normal", requester: { name: "张三", phone: "13800138000" } };
    // Every 5th case is an enterprise's own online appeal, so enterprise sockets get their share.
    const ent = tokensByScope[`enterprise:${n % enterpriseCount}`]?.[0];
    const { case: c } = await timed(() => call(n % 5 === 0 && ent ? ent : op, "/api/cases", body));
    await timed(() => call(op, `/api/cases/${c.id}/actions/dispatch`, { departmentId: departments[d].id }));
    await timed(() => call(handler, `/api/cases/${c.id}/actions/sign`, {}));
    await timed(() => call(handler, `/api/cases/${c.id}/actions/comment`, { content: "已安排现场核查", internal: false }));
  };

  const phases: { name: string; keys: Set<string>; seconds: number; actions: number }[] = [];
  for (const [name, workers] of [["sequential (1 client)", 1], [`concurrent (${WORKERS} clients)`, WORKERS]] as const) {
    const start = stamp();
    const known = new Set(commits.keys());
    let n = 0;
    await Promise.all(Array.from({ length: workers }, async () => { while (n < CASES) await lifecycle(n++); }));
    await new Promise((r) => setTimeout(r, 1500));
    phases.push({ name, keys: new Set([...commits.keys()].filter((k) => !known.has(k))), seconds: (stamp() - start - 1500) / 1000, actions: CASES * 4 });
  }
  const hall = await runHall(
    { deps, url, passwordHash, stamp, connectBoards: async (n) => (child.send({ type: "boards", url: `${url}#${n}` }), void (await next("boards"))) },
    { tickets: arg("tickets", 200), windows: arg("windows", 20), boards: arg("boards", 10) },
  );
  phases.push({ name: `hall: ${hall.calls} calls by ${arg("windows", 20)} windows → ${arg("boards", 10)} /board sockets`, keys: new Set(hall.commits.keys()), seconds: hall.seconds, actions: hall.calls * 3 });
  for (const [k, v] of hall.commits) commits.set(k, v);
  child.send({ type: "report" });
  const { receipts } = (await next("report")) as { receipts: Receipts };

  console.log(`OneWindow realtime benchmark — ${new Date().toISOString()}`);
  console.log(`machine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? "?"}), Node ${process.version}, engine ${deps.database.kind}; server and the client child share the machine`);
  console.log(`\n${SOCKETS} sockets (${specs.filter((s) => s.scope === "all").length} all-cases staff, ${specs.filter((s) => s.scope.startsWith("department")).length} handlers in 6 departments, ${specs.filter((s) => s.scope.startsWith("enterprise")).length} enterprise users) connected in ${(connected.ms / 1000).toFixed(1)} s`);
  const perSocket = (k: "heapUsed" | "rss") => ((after[k] - before[k]) / SOCKETS / 1024).toFixed(1);
  console.log(`server memory per idle socket: heapUsed ${perSocket("heapUsed")} KiB, rss ${perSocket("rss")} KiB ${gc ? "(after gc)" : "(run with --expose-gc for steadier figures)"}\n`);
  const rows = phases.map((p) => {
    const lat: number[] = [];
    const lastOf: number[] = [];
    let deliveries = 0;
    for (const key of p.keys) {
      const t0 = commits.get(key)!;
      const got = receipts[key] ?? [];
      deliveries += got.length;
      for (const t of got) lat.push(t - t0);
      if (got.length) lastOf.push(Math.max(...got) - t0);
    }
    lat.sort((a, b) => a - b);
    lastOf.sort((a, b) => a - b);
    return [p.name, p.keys.size, deliveries, (p.actions / p.seconds).toFixed(0), ms(quantile(lat, 0.5)), ms(quantile(lat, 0.99)), ms(quantile(lastOf, 0.5)), ms(quantile(lastOf, 0.99))];
  });
  table(["phase", "events", "deliveries", "actions/s", "p50 ms", "p99 ms", "last socket p50 ms", "last socket p99 ms"], rows);
  httpMs.sort((a, b) => a - b);
  console.log(`\nHTTP action round trip over both phases: p50 ${ms(quantile(httpMs, 0.5))} ms, p99 ${ms(quantile(httpMs, 0.99))} ms`);
  hall.httpMs.sort((a, b) => a - b);
  console.log(`hall: HTTP round trip (take, call-next, start, finish): p50 ${ms(quantile(hall.httpMs, 0.5))} ms, p99 ${ms(quantile(hall.httpMs, 0.99))} ms; the hall row's actions/s counts call-next, start and finish`);

  child.send({ type: "exit" });
  await realtime.close();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await deps.database.close();
}

if (process.argv.includes("--clients")) await clientsMain();
else await serverMain();
