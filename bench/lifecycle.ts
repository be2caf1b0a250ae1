/**
 * lifecycle: whole cases per second through intake → dispatch → sign → reply →
 * callback (closed), five HTTP requests per case by three users (operator,
 * handler.env, operator), each autocannon connection walking one case at a time.
 * The ceiling (joi + one INSERT per request) is measured with the same connections
 * in the same run; the ratio compares requests per second.
 */
import type { AutocannonRequest } from "autocannon";
import { onSeededTargetWithCeiling, startApp, type ThroughputRow } from "./intake.ts";
import {
  describeCpu,
  engineName,
  fmt,
  intakeBody,
  latencyOf,
  printTable,
  runAutocannon,
  startCpuMonitor,
  summarize,
  type BenchOptions,
  type Engine,
} from "./support.ts";

const STEPS = ["intake", "dispatch", "sign", "reply", "callback"] as const;

interface StepStats {
  ms: number[];
  ok: number;
  failed: Record<string, number>;
}

function lifecycleRequests(tokens: Record<string, string>, envDepartmentId: string, stats: StepStats[], start: number): AutocannonRequest[] {
  let i = start;
  const json = { "content-type": "application/json" };
  const operator = { ...json, authorization: `Bearer ${tokens.operator}` };
  const handler = { ...json, authorization: `Bearer ${tokens["handler.env"]}` };
  const step = (n: number, headers: Record<string, string>, body: () => unknown): AutocannonRequest => ({
    method: "POST",
    path: "/api/cases",
    headers,
    setupRequest: (req, ctx) => {
      if (n > 0 && (ctx.failed || !ctx.id)) return null; // restart with a new case
      ctx.t = performance.now();
      return { ...req, path: n === 0 ? "/api/cases" : `/api/cases/${ctx.id}/actions/${STEPS[n]}`, body: JSON.stringify(body()) };
    },
    onResponse: (status, body, ctx) => {
      const s = stats[n];
      if (status >= 200 && status < 300) {
        s.ms.push(performance.now() - (ctx.t as number));
        s.ok++;
        if (n === 0) ctx.id = JSON.parse(body).case.id;
      } else {
        s.failed[status] = (s.failed[status] ?? 0) + 1;
        ctx.failed = true;
      }
    },
  });
  return [
    step(0, operator, () => intakeBody(i++)),
    step(1, operator, () => ({ departmentId: envDepartmentId, note: "请生态环境局办理" })),
    step(2, handler, () => ({})),
    step(3, handler, () => ({ content: "经现场核查，已责令施工单位停止夜间施工，并依法立案调查。", public: true })),
    step(4, operator, () => ({ reached: true, satisfaction: 5, comment: "满意" })),
  ];
}

const newStats = (): StepStats[] => STEPS.map(() => ({ ms: [], ok: 0, failed: {} }));

export function lifecycleBench(engine: Engine, o: BenchOptions): Promise<ThroughputRow> {
  return onSeededTargetWithCeiling(engine, "lifecycle", o, async (target, ceiling) => {
    const app = await startApp(target, o);
    const stats = newStats();
    let summary;
    let cpu;
    try {
      const { tokens, departments } = app.child.info;
      if (o.warmup > 0) await runAutocannon({ url: app.child.url, connections: o.connections, duration: o.warmup, requests: lifecycleRequests(tokens, departments.env, newStats(), 1_000_000) });
      const monitor = startCpuMonitor([app.child.pid]);
      const result = await runAutocannon({ url: app.child.url, connections: o.connections, duration: o.duration, requests: lifecycleRequests(tokens, departments.env, stats, 0) });
      cpu = monitor.stop();
      summary = summarize(result);
    } finally {
      await app.stop();
    }
    // Steady state: five successful requests make one case (closed cases inside the window lag behind by one case duration).
    const casesPerSec = summary.okPerSec / STEPS.length;
    console.log(`  cases closed inside the ${o.duration} s window: ${stats[4].ok} (${fmt.n(stats[4].ok / summary.seconds, 1)}/s; lags the steady state by one case's duration)`);
    printTable(
      `lifecycle on ${engineName(engine)} — per step (OneWindow)`,
      ["step", "ok", "p50", "p99", "failed (status: count)"],
      STEPS.map((s, n) => {
        const l = latencyOf(stats[n].ms);
        return [s, stats[n].ok, fmt.ms(l.p50), fmt.ms(l.p99), JSON.stringify(stats[n].failed)];
      }),
    );
    printTable(
      `lifecycle on ${engineName(engine)} — ${o.connections} connections, ${o.duration} s`,
      ["server", "cases/s (2xx req/s ÷ 5)", "req/s", "p50", "p99", "errors", "non-2xx", "ratio to ceiling (req/s)"],
      [
        ["ceiling (1 INSERT per request)", fmt.n(ceiling.summary.okPerSec), fmt.n(ceiling.summary.okPerSec), fmt.ms(ceiling.summary.p50), fmt.ms(ceiling.summary.p99), ceiling.summary.errors, ceiling.summary.non2xx, "1.00"],
        ["OneWindow (5 requests per case)", fmt.n(casesPerSec, 1), fmt.n(summary.okPerSec), fmt.ms(summary.p50), fmt.ms(summary.p99), summary.errors, summary.non2xx, (summary.okPerSec / ceiling.summary.okPerSec).toFixed(2)],
      ],
    );
    console.log(`  CPU during ceiling run: ${describeCpu(ceiling.cpu)}`);
    console.log(`  CPU during OneWindow run: ${describeCpu(cpu)}`);
    return { bench: "lifecycle", engine, ceiling: ceiling.summary, app: summary, ceilingCpu: ceiling.cpu, appCpu: cpu };
  });
}
