/**
 * webhooks: what the outbox costs intake, and how late deliveries arrive.
 *  1. intake (`POST /api/cases`, autocannon as in bench/intake.ts) with no subscription, then with 3 active
 *     subscriptions to a local receiver (the worker sending in the same process); target: within 10 %.
 *  2. delivery lag at a fixed 200 intakes/s with one subscription: from the change's commit (the payload's
 *     occurredAt, stamped in its transaction) to the receiver, p50/p99/max; every delivery must arrive.
 */
import type { BenchOptions, Engine, LoadSummary } from "./support.ts";
import { createTarget, engineName, fmt, latencyOf, loadTest, openTarget, printTable, runAutocannon, startChild, summarize, targetEnv } from "./support.ts";
import { intakeRequests } from "./intake.ts";
import { WebhookReceiver } from "../test/support/webhookReceiver.ts";

const LAG_RATE = 200;

async function api(url: string, token: string, method: string, path: string, body?: unknown) {
  const res = await fetch(`${url}/api${path}`, { method, headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return res.status === 204 ? undefined : res.json();
}

export async function webhooksBench(engine: Engine, o: BenchOptions): Promise<void> {
  console.log(`\n=== webhooks on ${engineName(engine)}: intake with 0 and 3 subscriptions (${o.connections} connections, ${o.warmup} s warm-up + ${o.duration} s), then lag at ${LAG_RATE} events/s`);
  const target = await createTarget(engine, "webhooks");
  const receiver = await new WebhookReceiver().start();
  try {
    const opened = await openTarget(target, { seed: true });
    await opened.close();
    const child = await startChild("appServer.ts", { ...targetEnv(target), BENCH_LOG_LEVEL: o.logLevel, BENCH_WEBHOOKS: "1", WEBHOOK_POLL_MS: "200" });
    try {
      const { admin, operator } = child.info.tokens as Record<string, string>;
      const intake = () => loadTest(child.url, intakeRequests("/api/cases", { authorization: `Bearer ${operator}` }), o, [child.pid]);
      const none = await intake();
      const hooks: string[] = [];
      for (let i = 0; i < 3; i++) {
        const created = (await api(child.url, admin, "POST", "/webhooks", { url: receiver.url, events: ["case.created", "case.updated"] })) as { webhook: { id: string }; secret: string };
        hooks.push(created.webhook.id);
        receiver.secrets.push(created.secret);
      }
      const three = await intake();
      const rows: [string, LoadSummary][] = [["0 subscriptions", none.summary], ["3 subscriptions", three.summary]];
      printTable(
        `webhooks — intake, ${engineName(engine)}`,
        ["run", "req/s", "p50", "p99", "errors", "non-2xx", "ratio"],
        rows.map(([name, s]) => [name, fmt.n(s.okPerSec), fmt.ms(s.p50), fmt.ms(s.p99), s.errors, s.non2xx, (s.okPerSec / none.summary.okPerSec).toFixed(2)]),
      );

      // Lag: one subscription, deliveries of the earlier phase drained first.
      for (const id of hooks.slice(1)) await api(child.url, admin, "DELETE", `/webhooks/${id}`);
      const drainUntil = Date.now() + 120_000;
      let before = -1;
      while (Date.now() < drainUntil && receiver.deliveries.length !== before) {
        before = receiver.deliveries.length;
        await new Promise((r) => setTimeout(r, 2000));
      }
      const start = receiver.deliveries.length;
      const sent = await runAutocannon({ url: child.url, connections: 20, duration: o.duration, overallRate: LAG_RATE, requests: intakeRequests("/api/cases", { authorization: `Bearer ${operator}` })() });
      const created = sent["2xx"];
      const deadline = Date.now() + 60_000;
      while (receiver.deliveries.length - start < created && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      const lags = receiver.deliveries.slice(start).map((d) => d.receivedAt - Date.parse(String(d.body.occurredAt)));
      const lag = latencyOf(lags.sort((a, b) => a - b));
      const s = summarize(sent);
      console.log(`  signatures refused by the receiver: ${receiver.rejected}`);
      console.log(`  lag run: ${fmt.n(s.okPerSec)} intakes/s (p99 ${fmt.ms(s.p99)}), ${created} created, ${lags.length} delivered`);
      printTable(`webhooks — delivery lag from commit to receiver at ${LAG_RATE} events/s, ${engineName(engine)}`, ["deliveries", "p50", "p99", "max"], [[lags.length, fmt.ms(lag.p50), fmt.ms(lag.p99), fmt.ms(lag.max)]]);
    } finally {
      await child.stop();
    }
  } finally {
    await receiver.stop();
    await target.drop();
  }
}
