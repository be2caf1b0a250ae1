/**
 * Process drills: kill -9 of the real server under load (PGlite data directory, and
 * PostgreSQL when DATABASE_URL is set), and a database outage (PostgreSQL only).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect } from "chai";
import { sql } from "drizzle-orm";
import { queryRows } from "../../server/db.ts";
import { caseInvariants, explained, intakeBody, openSeeded, scratchDatabase, signIn, sleep, startServer } from "./drillSupport.ts";

/** The figures of one crash drill, printed for docs/reliability.md. */
interface CrashFigures {
  acknowledged: string[];
  refused: number;
  failedInFlight: number;
}

/** Fires intakes with ~10 in flight, records every 2xx id, and kills the server with SIGKILL mid-load. */
async function loadAndKill(server: Awaited<ReturnType<typeof startServer>>, killAfterAcks: number): Promise<CrashFigures> {
  const headers = await explained(server, () => signIn(server.base, "operator"));
  const figures: CrashFigures = { acknowledged: [], refused: 0, failedInFlight: 0 };
  let killing = false;
  let i = 0;
  const worker = async () => {
    while (!killing) {
      try {
        const res = await fetch(`${server.base}/api/cases`, { method: "POST", headers, body: intakeBody(i++), signal: AbortSignal.timeout(15_000) });
        const body = (await res.json()) as { case?: { id: string } };
        if (res.status === 201 && body.case) figures.acknowledged.push(body.case.id);
        else figures.refused++;
      } catch {
        figures.failedInFlight++;
      }
    }
  };
  const workers = Array.from({ length: 10 }, worker);
  const deadline = Date.now() + 60_000;
  while (figures.acknowledged.length < killAfterAcks && Date.now() < deadline) await sleep(5);
  // No new requests from here on: the ones in flight meet the kill.
  killing = true;
  await server.kill9();
  await Promise.all(workers);
  return figures;
}

/** After the restart: every acknowledged case is there with its intake event, and nothing else is broken. */
async function expectNothingLost(ex: Parameters<typeof caseInvariants>[0], acknowledged: string[]): Promise<void> {
  const inv = await caseInvariants(ex);
  const lost = acknowledged.filter((id) => !inv.ids.has(id));
  expect(lost, `acknowledged cases lost after kill -9 (${lost.length} of ${acknowledged.length})`).to.deep.equal([]);
  expect(inv.withoutIntake, "cases without their intake event").to.deep.equal([]);
  expect(inv.gaps, "gaps in the daily case sequence").to.deep.equal([]);
}

describe("drill: kill -9 of the server under intake load", () => {
  it("on PGlite: restarts on the same data directory (taking over the dead pid's lock) with every acknowledged case and no gap", async function () {
    this.timeout(480_000);
    const dataDir = mkdtempSync(path.join(tmpdir(), "onewindow-crash-"));
    try {
      const env = { DATA_DIR: dataDir, DATABASE_URL: "" };
      const first = await startServer(env);
      const figures = await loadAndKill(first, 60);
      const lock = path.join(dataDir, "onewindow.lock");
      expect(existsSync(lock), "the dead process leaves its lock file").to.equal(true);
      expect(Number(readFileSync(lock, "utf8"))).to.equal(first.proc.pid);

      const second = await startServer(env);
      expect(Number(readFileSync(lock, "utf8")), "the restarted server holds the lock").to.equal(second.proc.pid);
      await explained(second, async () => {
        const headers = await signIn(second.base, "operator");
        for (const id of figures.acknowledged) {
          const res = await fetch(`${second.base}/api/cases/${id}`, { headers });
          expect(res.status, `acknowledged case ${id} after restart`).to.equal(200);
          const { timeline } = (await res.json()) as { timeline: { action: string }[] };
          expect(timeline[0]?.action).to.equal("intake");
        }
        const after = await fetch(`${second.base}/api/cases`, { method: "POST", headers, body: intakeBody(-1) });
        expect(after.status, "intake after the restart").to.equal(201);
      });
      await second.stop();

      const database = await openSeeded({ databaseUrl: null, dataDir });
      try {
        await expectNothingLost(database.db, figures.acknowledged);
        const total = (await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from cases`))[0].n;
        console.log(`      PGlite kill -9: ${figures.acknowledged.length} acknowledged, ${figures.failedInFlight} in flight at the kill, ${total} cases stored after restart (incl. 1 after)`);
      } finally {
        await database.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it("on PostgreSQL: every acknowledged case survives and the sequence has no gap", async function () {
    if (!process.env.DATABASE_URL) {
      console.log("      (skipped: set DATABASE_URL to run the PostgreSQL variant)");
      this.skip();
    }
    this.timeout(480_000);
    const scratch = await scratchDatabase("onewindow_crash");
    try {
      const env = { DATABASE_URL: scratch.url, DB_POOL_SIZE: "10" };
      const first = await startServer(env);
      const figures = await loadAndKill(first, 60);
      const second = await startServer(env);
      await explained(second, async () => {
        const headers = await signIn(second.base, "operator");
        const after = await fetch(`${second.base}/api/cases`, { method: "POST", headers, body: intakeBody(-1) });
        expect(after.status, "intake after the restart").to.equal(201);
      });
      await second.stop();
      const database = await openSeeded({ databaseUrl: scratch.url });
      try {
        await expectNothingLost(database.db, figures.acknowledged);
        console.log(`      PostgreSQL kill -9: ${figures.acknowledged.length} acknowledged, ${figures.failedInFlight} in flight at the kill`);
      } finally {
        await database.close();
      }
    } finally {
      await scratch.drop();
    }
  });
});
