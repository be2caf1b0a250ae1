/**
 * reads: queue reads at scale. Bulk-loads N cases (bench/dataset.ts), captures the
 * SQL each endpoint sends (drizzle logger, in-process app) and prints its
 * EXPLAIN (ANALYZE, BUFFERS), then measures sequential p50/p95 of each endpoint
 * against the OneWindow child, beside the minimal server's primary-key GET and
 * joi + INSERT POST on the same loaded database.
 * Targets (PostgreSQL): p95 < 20 ms for queue pages and the case page, < 200 ms for search and metrics.
 */
import { loadDataset, type Dataset } from "./dataset.ts";
import { startApp } from "./intake.ts";
import {
  createTarget,
  engineName,
  fmt,
  intakeBody,
  machineConditions,
  openTarget,
  printTable,
  sampleSequential,
  startChild,
  targetEnv,
  withInProcessApp,
  type BenchOptions,
  type Engine,
  type InProcess,
  type Latency,
  type Opened,
  type Raw,
  type Target,
} from "./support.ts";

/** One read the benchmark measures: who asks what; `url(i)` varies the i-th request. */
interface Scenario {
  name: string;
  user: string;
  target: number | null;
  url: (i: number) => string;
  /** The request whose SQL is EXPLAINed. */
  explainUrl: string;
  explainUser: string;
}

const SEARCH_TERMS = ["工资", "发票", "物业", "食品", "油烟", "停车", "电梯", "施工"];

function isoDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** A previous calendar month [from, to) of the loaded data. */
function lastMonth(now: Date): { from: string; to: string } {
  const to = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  const from = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  return { from: isoDay(from), to: isoDay(to) };
}

async function sampleIds(raw: Raw, departmentId: string, n: number): Promise<string[]> {
  const rows = await raw.query<{ id: string }>("select id from cases where department_id = $1 order by hashtext(id) limit $2", [departmentId, n]);
  return rows.map((r) => r.id);
}

interface Fixture {
  departments: Record<string, string>;
  envIds: string[];
  marketIds: string[];
  month: { from: string; to: string };
  /** The URL of the 5th queue page (keyset cursor) per handler. */
  page5: Record<string, string>;
}

const queueUrl = (f: Pick<Fixture, "departments">, dept: string) => `/api/cases?departmentId=${f.departments[dept]}&sort=deadline&status=dispatched,in_progress`;

/** The handler's queue page of the web client (client/src/pages/HandlerRoutes.tsx). */
const CLIENT_QUEUE = "/api/cases?sort=deadline&status=dispatched,in_progress,return_review";
/** The supervisor's approvals page, extension requests (client/src/pages/SupervisorRoutes.tsx). */
const APPROVALS = "/api/cases?status=in_progress&pendingExtension=true";

function scenarios(f: Fixture): Scenario[] {
  const queue = (dept: string) => queueUrl(f, dept);
  return [
    {
      name: "queue page (handler, own department, sort=deadline, dispatched+in_progress)",
      user: "handler.env|handler.market",
      target: 20,
      url: (i) => queue(i % 2 ? "market" : "env"),
      explainUrl: queue("env"),
      explainUser: "handler.env",
    },
    {
      name: "queue page 5 (keyset cursor, same query)",
      user: "handler.env|handler.market",
      target: 20,
      url: (i) => (i % 2 ? f.page5["handler.market"] : f.page5["handler.env"]),
      explainUrl: f.page5["handler.env"],
      explainUser: "handler.env",
    },
    {
      name: "handler's queue as the web client asks (no departmentId: own and co-handled, sort=deadline, 3 statuses)",
      user: "handler.env|handler.market",
      target: 20,
      url: () => CLIENT_QUEUE,
      explainUrl: CLIENT_QUEUE,
      explainUser: "handler.env",
    },
    {
      name: "overdue board (supervisor, overdue=true&sort=deadline)",
      user: "supervisor",
      target: 20,
      url: () => "/api/cases?overdue=true&sort=deadline",
      explainUrl: "/api/cases?overdue=true&sort=deadline",
      explainUser: "supervisor",
    },
    {
      name: "approvals (supervisor, status=in_progress&pendingExtension=true)",
      user: "supervisor",
      target: 20,
      url: () => APPROVALS,
      explainUrl: APPROVALS,
      explainUser: "supervisor",
    },
    {
      name: "overdue list (supervisor, overdue=true)",
      user: "supervisor",
      target: 20,
      url: () => "/api/cases?overdue=true",
      explainUrl: "/api/cases?overdue=true",
      explainUser: "supervisor",
    },
    {
      name: "search q=噪音 (operator)",
      user: "operator",
      target: 200,
      url: () => `/api/cases?q=${encodeURIComponent("噪音")}`,
      explainUrl: `/api/cases?q=${encodeURIComponent("噪音")}`,
      explainUser: "operator",
    },
    {
      name: `search, ${SEARCH_TERMS.length} other terms (operator)`,
      user: "operator",
      target: 200,
      url: (i) => `/api/cases?q=${encodeURIComponent(SEARCH_TERMS[i % SEARCH_TERMS.length])}`,
      explainUrl: `/api/cases?q=${encodeURIComponent("工资")}`,
      explainUser: "operator",
    },
    {
      name: "case + timeline (handler, GET /api/cases/:id)",
      user: "handler.env|handler.market",
      target: 20,
      url: (i) => `/api/cases/${i % 2 ? f.marketIds[(i >> 1) % f.marketIds.length] : f.envIds[(i >> 1) % f.envIds.length]}`,
      explainUrl: `/api/cases/${f.envIds[0]}`,
      explainUser: "handler.env",
    },
    {
      name: `metrics, one month ${f.month.from}..${f.month.to} (supervisor)`,
      user: "supervisor",
      target: 200,
      url: () => `/api/metrics?from=${f.month.from}&to=${f.month.to}`,
      explainUrl: `/api/metrics?from=${f.month.from}&to=${f.month.to}`,
      explainUser: "supervisor",
    },
  ];
}

function tokenFor(tokens: Record<string, string>, user: string, i: number): string {
  if (user === "handler.env|handler.market") return tokens[i % 2 ? "handler.market" : "handler.env"];
  return tokens[user];
}

// ---------------------------------------------------------------- SQL capture and EXPLAIN

/** `select "id", "number", … from` → `select <N columns> from` (the plans matter, not the column lists). */
export function compactSql(sql: string): string {
  return sql.replace(/^select (.{200,}?) from "/s, (_m, cols: string) => `select <${cols.split(", ").length} columns> from "`);
}

/** Follows nextCursor to the n-th page of a list. */
async function nthPageUrl(app: InProcess, url: string, user: string, n: number): Promise<string> {
  let current = url;
  for (let page = 1; page < n; page++) {
    const { status, body } = await app.get(current, user);
    if (status !== 200 || !body.nextCursor) throw new Error(`${url}: no page ${page + 1} (status ${status})`);
    current = `${url}&cursor=${body.nextCursor}`;
  }
  return current;
}

/** EXPLAIN (ANALYZE, BUFFERS) of every SELECT each scenario's request sends (second run shown, buffers warm). */
async function explainEndpoints(app: InProcess, opened: Opened, list: Scenario[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const s of list) {
    await app.get(s.explainUrl, s.explainUser); // warm caches
    app.log.length = 0;
    const res = await app.get(s.explainUrl, s.explainUser);
    const statements = [...app.log];
    if (res.status === 404 && s.explainUrl.startsWith("/api/metrics")) {
      out.set(s.name, "(endpoint not present)");
      continue;
    }
    const lines: string[] = [`-- ${s.explainUser}: GET ${decodeURIComponent(s.explainUrl)} → ${res.status}; ${statements.length} statements`];
    for (const q of statements) {
      lines.push("", compactSql(q.sql) + ";", `-- params: ${JSON.stringify(q.params.map((p) => (p instanceof Date ? p.toISOString() : p)))}`);
      if (!/^\s*(select|with)\b/i.test(q.sql)) {
        lines.push("-- (write; not EXPLAINed)");
        continue;
      }
      await opened.raw.query(`explain (analyze, buffers) ${q.sql}`, q.params); // the first run warms the buffers
      const plan = await opened.raw.query<Record<string, string>>(`explain (analyze, buffers) ${q.sql}`, q.params);
      lines.push(...plan.map((r) => Object.values(r)[0]));
    }
    out.set(s.name, lines.join("\n"));
  }
  return out;
}

// ---------------------------------------------------------------- the benchmark

export interface ReadsResult {
  engine: Engine;
  dataset: Dataset;
  ceilingGet: Latency;
  ceilingPost: Latency;
  rows: { scenario: Scenario; latency: Latency | null; items: number | null; note?: string }[];
}

/** The default load: 1,000,000 cases on PostgreSQL, 100,000 on PGlite. */
export function defaultCases(engine: Engine, o: BenchOptions): number {
  return o.cases ?? (engine === "postgres" ? 1_000_000 : 100_000);
}

/** Creates a target and loads it (shared by reads and sweeper). */
export async function loadedTarget(engine: Engine, name: string, o: BenchOptions): Promise<{ target: Target; dataset: Dataset }> {
  const target = await createTarget(engine, name);
  const opened = await openTarget(target, { seed: true });
  try {
    const n = defaultCases(engine, o);
    console.log(`  loading ${n.toLocaleString("en-US")} cases into ${target.label}`);
    const dataset = await loadDataset(opened.raw, engine, n);
    console.log(
      `  loaded in ${dataset.seconds.toFixed(0)} s: ${dataset.cases.toLocaleString("en-US")} cases (${Object.entries(dataset.byStatus)
        .map(([k, v]) => `${k} ${v.toLocaleString("en-US")}`)
        .join(", ")}), ${dataset.events.toLocaleString("en-US")} events, ${dataset.assignments.toLocaleString("en-US")} assignments`,
    );
    const [size] = await opened.raw.query<{ cases: string; events: string }>(
      "select pg_size_pretty(pg_total_relation_size('cases')) as cases, pg_size_pretty(pg_total_relation_size('case_events')) as events",
    );
    console.log(`  size: cases ${size.cases} (with indexes), case_events ${size.events}`);
    return { target, dataset };
  } finally {
    await opened.close();
  }
}

/** A loaded database that reads and sweeper share when run in one invocation (run.ts drops it). */
export interface Loaded {
  target: Target;
  dataset: Dataset;
}

export async function readsBench(engine: Engine, o: BenchOptions, shared?: Loaded): Promise<ReadsResult> {
  console.log(`\n=== reads on ${engineName(engine)}`);
  const { target, dataset } = shared ?? (await loadedTarget(engine, "reads", o));
  try {
    const opened = await openTarget(target);
    let fixture: Fixture;
    let list: Scenario[];
    try {
      const [overdue] = await opened.raw.query<{ n: number }>(
        `select count(*)::int as n from cases where (status = 'dispatched' and sign_by < now()) or (status in ('dispatched','return_review','in_progress') and reply_by < now()) or (status = 'replied' and callback_by < now())`,
      );
      console.log(`  overdue cases: ${overdue.n.toLocaleString("en-US")}`);
      const base = {
        departments: dataset.departments,
        envIds: await sampleIds(opened.raw, dataset.departments.env, 500),
        marketIds: await sampleIds(opened.raw, dataset.departments.market, 500),
        month: lastMonth(dataset.now),
      };
      fixture = await withInProcessApp(opened, async (app) => {
        const f: Fixture = {
          ...base,
          page5: {
            "handler.env": await nthPageUrl(app, queueUrl(base, "env"), "handler.env", 5),
            "handler.market": await nthPageUrl(app, queueUrl(base, "market"), "handler.market", 5),
          },
        };
        list = scenarios(f);
        if (o.explain) {
          const plans = await explainEndpoints(app, opened, list);
          for (const s of list) {
            console.log(`\n--- EXPLAIN (ANALYZE, BUFFERS): ${s.name} [${engineName(engine)}, ${dataset.cases.toLocaleString("en-US")} cases]`);
            console.log(plans.get(s.name));
          }
        }
        return f;
      });
      list = scenarios(fixture);
    } finally {
      await opened.close();
    }

    // The minimal server on the same loaded database: primary-key GET from `cases`, joi + INSERT POST.
    const ceiling = await startChild("ceiling.ts", targetEnv(target));
    let ceilingGet: Latency;
    let ceilingPost: Latency;
    try {
      const ids = [...fixture.envIds, ...fixture.marketIds];
      ceilingGet = await sampleSequential(o.samples, 20, async (i) => {
        const res = await fetch(`${ceiling.url}/cases/${ids[i % ids.length]}`);
        await res.json();
        return res.status === 200;
      });
      ceilingPost = await sampleSequential(o.samples, 20, async (i) => {
        const res = await fetch(`${ceiling.url}/cases`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(intakeBody(i)) });
        await res.json();
        return res.status === 201;
      });
    } finally {
      await ceiling.stop();
    }

    const app = await startApp(target, o);
    const rows: ReadsResult["rows"] = [];
    try {
      const tokens = app.child.info.tokens as Record<string, string>;
      for (const s of list) {
        let items: number | null = null;
        let note: string | undefined;
        const probe = await fetch(app.child.url + s.url(0), { headers: { authorization: `Bearer ${tokenFor(tokens, s.user, 0)}` } });
        const body = (await probe.json()) as any;
        if (probe.status === 404 && s.url(0).startsWith("/api/metrics")) {
          rows.push({ scenario: s, latency: null, items: null, note: "GET /api/metrics not present in this build" });
          continue;
        }
        if (probe.status !== 200) note = `status ${probe.status}: ${JSON.stringify(body).slice(0, 200)}`;
        items = Array.isArray(body?.items) ? body.items.length : Array.isArray(body?.timeline) ? body.timeline.length : null;
        const latency = await sampleSequential(o.samples, 20, async (i) => {
          const res = await fetch(app.child.url + s.url(i), { headers: { authorization: `Bearer ${tokenFor(tokens, s.user, i)}` } });
          await res.json();
          return res.status === 200;
        });
        rows.push({ scenario: s, latency, items, note });
        console.log(`  ${s.name}: p50 ${fmt.ms(latency.p50)}, p95 ${fmt.ms(latency.p95)}${note ? ` (${note})` : ""}`);
      }
    } finally {
      await app.stop();
    }

    printTable(
      `reads on ${engineName(engine)} — ${dataset.cases.toLocaleString("en-US")} cases, ${o.samples} sequential requests each (after 20 warm-up); ${machineConditions()}`,
      ["request", "n", "p50", "p95", "p99", "errors", "items", "p95 target", "met", "p50 / ceiling GET p50"],
      [
        ["ceiling: GET /cases/:id (one PK select)", ceilingGet.n, fmt.ms(ceilingGet.p50), fmt.ms(ceilingGet.p95), fmt.ms(ceilingGet.p99), ceilingGet.errors, 1, "", "", "1.0"],
        ["ceiling: POST /cases (joi + INSERT)", ceilingPost.n, fmt.ms(ceilingPost.p50), fmt.ms(ceilingPost.p95), fmt.ms(ceilingPost.p99), ceilingPost.errors, 1, "", "", (ceilingPost.p50 / ceilingGet.p50).toFixed(1)],
        ...rows.map((r) =>
          r.latency
            ? [
                r.scenario.name,
                r.latency.n,
                fmt.ms(r.latency.p50),
                fmt.ms(r.latency.p95),
                fmt.ms(r.latency.p99),
                r.latency.errors,
                r.items ?? "",
                r.scenario.target ? `< ${r.scenario.target} ms` : "",
                engine === "postgres" && r.scenario.target ? (r.latency.p95 < r.scenario.target ? "yes" : "NO") : "(PG only)",
                (r.latency.p50 / ceilingGet.p50).toFixed(1),
              ]
            : [r.scenario.name, 0, "–", "–", "–", "", "", r.scenario.target ? `< ${r.scenario.target} ms` : "", r.note ?? "", ""],
        ),
      ],
    );
    return { engine, dataset, ceilingGet, ceilingPost, rows };
  } finally {
    if (!shared) await target.drop();
  }
}
