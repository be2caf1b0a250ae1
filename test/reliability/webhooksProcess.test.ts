/** Drill: kill -9 of the server while webhook deliveries are in flight; every committed event is delivered after the restart. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect } from "chai";
import { sql } from "drizzle-orm";
import { queryRows } from "../../server/db.ts";
import { WebhookReceiver } from "../support/webhookReceiver.ts";
import { explained, intakeBody, openSeeded, signIn, sleep, startServer } from "./drillSupport.ts";

describe("drill: kill -9 of the server mid-delivery", () => {
  it("delivers every committed case.created after the restart (duplicates allowed, with the same delivery id)", async function () {
    this.timeout(300_000);
    const dataDir = mkdtempSync(path.join(tmpdir(), "onewindow-webhooks-"));
    const receiver = await new WebhookReceiver().start();
    receiver.delayMs = 40; // deliveries stay in flight long enough for the kill to meet some
    const env = { DATA_DIR: dataDir, DATABASE_URL: "", WEBHOOK_POLL_MS: "50", WEBHOOK_TIMEOUT_MS: "1500", WEBHOOK_RETRY_BASE_MS: "100", WEBHOOK_RETRY_MAX_MS: "500" };
    try {
      const first = await startServer(env);
      const acknowledged: string[] = [];
      let webhookId = "";
      await explained(first, async () => {
        const admin = await signIn(first.base, "admin");
        const res = await fetch(`${first.base}/api/webhooks`, { method: "POST", headers: admin, body: JSON.stringify({ url: receiver.url, events: ["case.created"] }) });
        expect(res.status).to.equal(201);
        const created = (await res.json()) as { secret: string; webhook: { id: string } };
        receiver.secret = created.secret;
        webhookId = created.webhook.id;
        const operator = await signIn(first.base, "operator");
        let stop = false;
        let i = 0;
        const load = async () => {
          while (!stop) {
            try {
              const r = await fetch(`${first.base}/api/cases`, { method: "POST", headers: operator, body: intakeBody(i++), signal: AbortSignal.timeout(15_000) });
              if (r.status === 201) acknowledged.push(((await r.json()) as { case: { id: string } }).case.id);
            } catch {
              // in flight at the kill
            }
          }
        };
        const workers = Array.from({ length: 6 }, load);
        const deadline = Date.now() + 60_000;
        while ((acknowledged.length < 60 || receiver.unique.length < 10) && Date.now() < deadline) await sleep(5);
        stop = true;
        await first.kill9();
        await Promise.all(workers);
      });
      const beforeRestart = receiver.unique.length;
      expect(beforeRestart, "some deliveries arrived before the kill").to.be.greaterThan(0);
      expect(beforeRestart, "some were still to be sent at the kill").to.be.lessThan(acknowledged.length);

      const second = await startServer(env);
      await explained(second, async () => {
        const deadline = Date.now() + 120_000;
        const got = () => new Set(receiver.unique.map((d) => d.body.case.id));
        while (acknowledged.some((id) => !got().has(id)) && Date.now() < deadline) await sleep(100);
        expect(acknowledged.filter((id) => !got().has(id)), "acknowledged cases never delivered").to.deep.equal([]);
        // Rows the killed process had leased are sent again once their lease ends: wait until none is pending.
        const admin = await signIn(second.base, "admin");
        let pending = -1;
        while (pending !== 0 && Date.now() < deadline) {
          const res = await fetch(`${second.base}/api/webhooks/${webhookId}/deliveries?status=pending&limit=200`, { headers: admin });
          pending = ((await res.json()) as { items: unknown[] }).items.length;
          if (pending) await sleep(200);
        }
        expect(pending, "deliveries still pending").to.equal(0);
      });
      await second.stop();

      const database = await openSeeded({ databaseUrl: null, dataDir });
      try {
        const rows = await queryRows<{ case_id: string; id: string; status: string }>(database.db, sql`select case_id, id, status from webhook_deliveries`);
        // Every committed case.created, acknowledged or cut off by the kill, was delivered.
        expect(rows.filter((r) => r.status !== "succeeded")).to.deep.equal([]);
        const received = new Map(receiver.unique.map((d) => [d.body.case.id, d.id]));
        expect(rows.filter((r) => received.get(r.case_id) !== r.id), "each committed event delivered under its own delivery id").to.deep.equal([]);
        const ids = receiver.deliveries.map((d) => d.id);
        const perCase = new Map<string, Set<string>>();
        for (const d of receiver.deliveries) perCase.set(d.body.case.id, (perCase.get(d.body.case.id) ?? new Set()).add(d.id));
        expect([...perCase.values()].every((s) => s.size === 1), "a repeat carries the same delivery id").to.equal(true);
        console.log(`      webhooks kill -9: ${acknowledged.length} acknowledged, ${rows.length} committed, ${beforeRestart} delivered before the kill, ${ids.length - new Set(ids).size} duplicates after the restart`);
      } finally {
        await database.close();
      }
    } finally {
      await receiver.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
