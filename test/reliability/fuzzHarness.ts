/**
 * The fuzz suite's harness: one in-process server, the people who send requests,
 * the contract checks every response must pass, and a tally of what 2xx answers
 * acknowledged (compared with the database at the end).
 */
import { createServer, type Server } from "node:http";
import { sql } from "drizzle-orm";
import { pino } from "pino";
import request from "supertest";
import { createApp } from "../../server/app.ts";
import type { AppDeps } from "../../server/context.ts";
import { queryRows } from "../../server/db.ts";
import { authHeader, buildDepartment, buildUser } from "../factories.ts";
import { actOk, createCase } from "../support/api.ts";
import { testDeps } from "../support/testDeps.ts";
import { depsOver, openSeeded, scratchDatabase } from "./drillSupport.ts";
import type { Payload } from "./fuzzValues.ts";

/** One generated request; `label` names the endpoint group for the tally and the report. */
export interface FuzzRequest {
  label: string;
  method: "GET" | "POST" | "PUT" | "PATCH";
  path: string;
  query?: string;
  headers: Record<string, string | undefined>;
  body?: Payload;
}

/** The error codes and statuses of api.md (Errors). */
const STATUS_OF_CODE: Record<string, number> = {
  validation_failed: 400, unauthenticated: 401, forbidden: 403, not_found: 404,
  invalid_transition: 409, conflict: 409, payload_too_large: 413, idempotency_mismatch: 422, rate_limited: 429,
};

export const TABLES = ["cases", "case_events", "users", "departments", "enterprises", "integration_clients", "categories"] as const;
export type Counts = Record<(typeof TABLES)[number], number>;

export interface FuzzWorld {
  deps: AppDeps;
  server: Server;
  auth: Record<"operator" | "clerk" | "enterprise" | "handler" | "supervisor" | "deptSupervisor" | "admin" | "integration", string>;
  caseIds: string[];
  departmentIds: string[];
  /** Departments and users that admin fuzzing may change (never the senders themselves). */
  spareDepartmentIds: string[];
  spareUserIds: string[];
  enterpriseIds: string[];
  categoryCodes: string[];
  /** Server errors logged while the last request ran (the cause of a 500). */
  logged: string[];
  /** Stops listening and drops the scratch database (PostgreSQL). */
  close(): Promise<void>;
}

/**
 * Builds the senders and a pool of real cases, and listens on an ephemeral port: over the
 * shared in-memory PGlite, or over a scratch PostgreSQL database of its own (so that row
 * counts are exact even when other test runs share the server).
 */
export async function buildFuzzWorld(): Promise<FuzzWorld> {
  const logged: string[] = [];
  const log = pino({ level: "warn" }, { write: (line: string) => void logged.push(line.slice(0, 600)) });
  const scratch = process.env.DATABASE_URL ? await scratchDatabase("onewindow_fuzz") : null;
  const deps = scratch ? depsOver(await openSeeded({ databaseUrl: scratch.url, poolSize: 10 }), log) : { ...(await testDeps()), log };
  const app = createApp(deps);
  const server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const db = deps.database.db;
  const dept = await buildDepartment(db);
  const spareDepartments = [await buildDepartment(db), await buildDepartment(db)];
  const header = async (role: Parameters<typeof buildUser>[1], o: Parameters<typeof buildUser>[2] = {}) => (await authHeader(deps.tokens, await buildUser(db, role, o))).Authorization;
  const adminH = await header("admin");
  const key = await request(server).post("/api/integration-clients").set({ Authorization: adminH }).send({ name: "fuzz 省平台" });
  const enterpriseUser = await buildUser(db, "enterprise");
  const auth: FuzzWorld["auth"] = {
    operator: await header("operator"),
    clerk: await header("clerk"),
    enterprise: (await authHeader(deps.tokens, enterpriseUser)).Authorization,
    handler: await header("handler", { departmentId: dept.id }),
    supervisor: await header("supervisor"),
    deptSupervisor: await header("supervisor", { departmentId: dept.id }),
    admin: adminH,
    integration: `Bearer ${key.body.apiKey}`,
  };
  const app2 = server as unknown as Parameters<typeof createCase>[0];
  const caseIds: string[] = [];
  for (let i = 0; i < 12; i++) {
    const kase = await createCase(app2, { Authorization: i % 3 ? auth.operator : auth.clerk }, { type: i % 2 ? "consultation" : "complaint" });
    if (i % 4 !== 0) await actOk(app2, { Authorization: auth.operator }, kase.id, "dispatch", { departmentId: dept.id });
    if (i % 4 === 2) await actOk(app2, { Authorization: auth.handler }, kase.id, "sign");
    caseIds.push(kase.id);
  }
  const spareUserIds = [(await buildUser(db, "clerk")).id, (await buildUser(db, "handler", { departmentId: spareDepartments[0].id })).id];
  const categoryCodes = (await queryRows<{ code: string }>(db, sql`select code from categories`)).map((r) => r.code);
  const close = async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    if (scratch) {
      await deps.database.close();
      await scratch.drop();
    }
  };
  return {
    deps, server, auth, caseIds, logged, categoryCodes, spareUserIds, close,
    departmentIds: [dept.id, ...spareDepartments.map((d) => d.id)],
    spareDepartmentIds: spareDepartments.map((d) => d.id),
    enterpriseIds: [enterpriseUser.enterpriseId!],
  };
}

/** Row counts of the tables the fuzz run may change. */
export async function countRows(w: FuzzWorld): Promise<Counts> {
  const out = {} as Counts;
  for (const t of TABLES) out[t] = (await queryRows<{ n: number }>(w.deps.database.db, sql.raw(`select count(*)::int as n from ${t}`)))[0].n;
  return out;
}

/** Sends one generated request to the in-process server. */
export async function send(w: FuzzWorld, r: FuzzRequest): Promise<request.Response> {
  const url = r.path + (r.query ? `?${r.query}` : "");
  const agent = request(w.server);
  let req = r.method === "GET" ? agent.get(url) : r.method === "POST" ? agent.post(url) : r.method === "PUT" ? agent.put(url) : agent.patch(url);
  for (const [name, value] of Object.entries(r.headers)) if (value !== undefined) req = req.set(name, value);
  req = req.timeout(15_000).buffer(true).parse((res, done) => {
    const chunks: Buffer[] = [];
    res.on("data", (c: Buffer) => chunks.push(c));
    res.on("end", () => done(null, Buffer.concat(chunks).toString("utf8")));
  });
  const b = r.body;
  if (b?.kind === "json") req = req.set("Content-Type", "application/json").send(JSON.stringify(b.value) ?? "null");
  else if (b?.kind === "text") req = req.set("Content-Type", b.type).send(b.text);
  else if (b?.kind === "bytes") {
    req = req.set("Content-Type", b.type);
    if (b.encoding) req = req.set("Content-Encoding", b.encoding);
    req = req.send(Buffer.from(b.bytes));
  }
  const res = await req;
  const text = typeof res.body === "string" ? res.body : "";
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  return Object.assign(res, { text, body: parsed });
}

/** What is wrong with a response under the contract (empty when nothing). */
export function violations(res: request.Response): string[] {
  const out: string[] = [];
  const type = String(res.headers["content-type"] ?? "");
  // Node's HTTP parser answers over-long request heads itself, before any application code runs.
  if (res.status === 431 && !res.text) return out;
  if (res.status >= 500) out.push(`status ${res.status}`);
  if (res.status !== 204 && !type.startsWith("application/json")) out.push(`content-type "${type}"`);
  if (/^\s*</.test(res.text)) out.push("HTML body");
  if (res.status >= 400) {
    const e = (res.body as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
    if (!e || typeof e.code !== "string" || typeof e.message !== "string" || !e.message) out.push("error body not {error:{code,message}}");
    else if (res.status < 500 && STATUS_OF_CODE[e.code] !== res.status) out.push(`code ${e.code} with status ${res.status}`);
  }
  return out;
}

/** What the 2xx answers acknowledged, to compare with the database. */
export class Tally {
  readonly delta: Counts = { cases: 0, case_events: 0, users: 0, departments: 0, enterprises: 0, integration_clients: 0, categories: 0 };
  readonly createdCaseIds = new Set<string>();
  readonly touchedCaseIds = new Set<string>();
  private readonly newCategories = new Set<string>();
  constructor(private readonly knownCategories: Set<string>) {}

  record(r: FuzzRequest, res: request.Response): void {
    if (res.status < 200 || res.status >= 300) return;
    const body = res.body as Record<string, any>;
    if (r.label === "intake" && res.status === 201) {
      this.delta.cases++;
      this.delta.case_events++;
      this.createdCaseIds.add(body.case.id);
    } else if (r.label === "action") {
      this.delta.case_events += body.event.action === "merge" ? 2 : 1;
      this.touchedCaseIds.add(body.case.id);
    } else if (r.label === "users.create") this.delta.users++;
    else if (r.label === "departments.create") this.delta.departments++;
    else if (r.label === "enterprises.create") this.delta.enterprises++;
    else if (r.label === "integration.create") this.delta.integration_clients++;
    else if (r.label === "categories.put" && !this.knownCategories.has(body.category.code) && !this.newCategories.has(body.category.code)) {
      this.newCategories.add(body.category.code);
      this.delta.categories++;
    }
  }
}

/** Headers for a report: Authorization first, long values cut. */
function showHeaders(h: FuzzRequest["headers"]): string {
  const { Authorization, ...rest } = h;
  const cut = (v: string | undefined) => (v === undefined ? "" : v.length > 40 ? `${v.slice(0, 37)}…(${v.length})` : v);
  return `[Authorization: ${cut(Authorization) || "none"}${Object.entries(rest).map(([k, v]) => `, ${k}: ${cut(v)}`).join("")}]`;
}

/** Distinct contract violations, each with its first example. */
export class Findings {
  readonly byKey = new Map<string, { count: number; example: string }>();
  requests = 0;

  add(r: FuzzRequest, res: request.Response, problems: string[], logged: string[]): void {
    const route = `${r.method} ${r.label}`;
    const cause = logged.map((l) => /"msg":"([^"]*)"/.exec(l)?.[1] + " " + (/"message":"([^"]{0,160})/.exec(l)?.[1] ?? "")).join(" | ");
    const key = `${route}: ${problems.join(", ")} ${cause.replace(/\d+|'[^']*'|"[^"]*"/g, "#").slice(0, 80)}`;
    const seen = this.byKey.get(key);
    if (seen) return void seen.count++;
    const body = r.body ? (r.body.kind === "json" ? JSON.stringify(r.body.value) : r.body.kind === "text" ? r.body.text : `<${r.body.bytes.length} bytes ${Buffer.from(r.body.bytes).toString("hex").slice(0, 80)}>`) : "";
    this.byKey.set(key, {
      count: 1,
      example: `${r.method} ${r.path}${r.query ? "?" + r.query : ""} ${showHeaders(r.headers)} ${String(body).slice(0, 300)}\n      → ${res.status} ${res.text.slice(0, 200)}\n      server log: ${cause.slice(0, 300)}`,
    });
  }

  report(): string {
    return [...this.byKey].map(([k, v]) => `  [${v.count}×] ${k}\n      ${v.example}`).join("\n");
  }
}
