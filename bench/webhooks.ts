/**
 * webhooks: what the outbox costs intake, and how late deliveries arrive.
 *  1. intake (`POST /api/cases`, autocannon as in bench/intake.ts) with no subscription, then with 3 active
 *     subscriptions to a local receiver, the worker off: the cost of writing the outbox in the intake transaction
 *     (target: within 10 %); then the same with the worker sending in the same process (what one instance does).
 *  2. delivery lag at a fixed 200 intakes/s with one subscription: from the change's commit (the payload's
 *     occurredAt, stamped in its transaction) to the receiver, p50/p99/max; every delivery must arrive.
 */
import type { BenchOptions, ChildServer, Engine, LoadSummary } from "./support.ts";
import { createTarget, engineName, fmt, latencyOf, loadTest, openTarget, printTable, runAutocannon, startChild, summarize, targetEnv } from "./support.ts";
import { intakeRequests } from "./intake.ts";
import { WebhookReceiver } from "../test/support/webhookReceiver.ts";

const LAG_RATE = 200;

async function api(child: ChildServer, method: string, path: string, body?: unknown) {
  const res = await fetch(`${child.url}/api${path}`, {
    method,
    headers: { authorization: `Bearer ${child.info.tokens.admin}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return res.status === 204 ? undefined : res.json();
}

/** Waits until the receiver has had nothing new for 3 s (the backlog is sent). */
async function drained(receiver: WebhookReceiver, maxMs = 300_000): Promise<void> {
  const until = Date.now() + maxMs;
  let seen = -1;
  while (Date.now() < until && receiver.deliveries.length !== seen) {
    seen = receiver.deliveries.length;
    await new Promise((r) => setTimeout(r, 3000));
  }
}

export async function webhooksBench(engine: Engine, o: BenchOptions): Promise<void> {
  console.log(`\n=== webhooks on ${engineName(engine)}: intake with 0 and 3 subscriptions (${o.connections} connections, ${o.warmup} s warm-up + ${o.duration} s), then lag at ${LAG_RATE} events/s`);
  const target = await createTarget(engine, "webhooks");
  const receiver = await new WebhookReceiver().start();
  const env = { ...targetEnv(target), BENCH_LOG_LEVEL: o.logLevel, WEBHOOK_POLL_MS: "200" };
  try {
    const opened = await openTarget(target, { seed: true });
    await opened.close();
    const rows: [string, LoadSummary][] = [];
    const intake = async (child: ChildServer, name: string) => {
      const { summary } = await loadTest(child.url, intakeRequests("/api/cases", { authorization: `Bearer ${child.info.tokens.operator}` }), o, [child.pid]);
      rows.push([name, summary]);
    };
    const hooks: string[] = [];
    const quiet = await startChild("appServer.ts", env);
    try {
      await intake(quiet, "0 subscriptions");
      for (let i = 0; i < 3; i++) {
        const created = (await api(quiet, "POST", "/webhooks", { url: receiver.url, events: ["case.created", "case.updated"] })) as { webhook: { id: string }; secret: string };
        hooks.push(created.webhook.id);
        receiver.secrets.push(created.secret);
      }
      await intake(quiet, "3 subscriptions, worker off");
    } finally {
      await quiet.stop();
    }
    const child = await startChild("appServer.ts", { ...env, BENCH_WEBHOOKS: "1" });
    try {
      await drained(receiver);
      console.log(`  backlog of the worker-off run sent: ${receiver.unique.length} deliveries`);
      await intake(child, "3 subscriptions, worker sending");
      const base = rows[0][1].okPerSec;
      printTable(
        `webhooks — intake, ${engineName(engine)}`,
        ["run", "req/s", "p50", "p99", "errors", "non-2xx", "ratio"],
        rows.map(([name, s]) => [name, fmt.n(s.okPerSec), fmt.ms(s.p50), fmt.ms(s.p99), s.errors, s.non2xx, (s.okPerSec / base).toFixed(2)]),
      );

      for (const id of hooks.slice(1)) await api(child, "DELETE", `/webhooks/${id}`);
      await drained(receiver);
      const start = receiver.deliveries.length;
      const sent = await runAutocannon({ url: child.url, connections: 20, duration: o.duration, overallRate: LAG_RATE, requests: intakeRequests("/api/cases", { authorization: `Bearer ${child.info.tokens.operator}` })() });
      const created = sent["2xx"];
      const deadline = Date.now() + 60_000;
      while (receiver.deliveries.length - start < created && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      const lags = receiver.deliveries.slice(start).map((d) => d.receivedAt - Date.parse(String(d.body.occurredAt)));
      const lag = latencyOf(lags);
      const s = summarize(sent);
      console.log(`  lag run: ${fmt.n(s.okPerSec)} intakes/s (p99 ${fmt.ms(s.p99)}), ${created} created, ${lags.length} delivered; signatures refused by the receiver: ${receiver.rejected}`);
      printTable(`webhooks — delivery lag from commit to receiver at ${LAG_RATE} events/s, ${engineName(engine)}`, ["deliveries", "p50", "p99", "max"], [[lags.length, fmt.ms(lag.p50), fmt.ms(lag.p99), fmt.ms(lag.max)]]);
    } finally {
      await child.stop();
    }
  } finally {
    await receiver.stop();
    await target.drop();
  }
}
