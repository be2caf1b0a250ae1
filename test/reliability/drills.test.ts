/**
 * Reliability drills in process: duplicate storms, concurrent intake, and the hash
 * chain against tampering. kill -9 is in drillsProcess.test.ts, the database outage in
 * drillsOutage.test.ts (docs/reliability.md). Every drill fails on lost or duplicated data.
 */
import { createServer, type Server } from "node:http";
import { expect } from "chai";
import { sql } from "drizzle-orm";
import request from "supertest";
import { createApp } from "../../server/app.ts";
import { FakeClock } from "../../server/clock.ts";
import { verifyCaseChain } from "../../server/commands/context.ts";
import type { AppDeps } from "../../server/context.ts";
import { queryRows } from "../../server/db.ts";
import { authHeader, buildDepartment, buildUser, unique } from "../factories.ts";
import { actOk, caseBody, createCase, type Header } from "../support/api.ts";
import { testDeps } from "../support/testDeps.ts";

/** A random day far from every other suite's (2040–2099, Asia/Shanghai noon), so its sequence starts at 1. */
function freshDay(): Date {
  const d = new Date(Date.UTC(2040 + Math.floor(Math.random() * 60), Math.floor(Math.random() * 12), 1 + Math.floor(Math.random() * 28), 4, 0, 0));
  return d;
}

describe("drills: duplicate storms, concurrent intake, tamper-evident history", () => {
  let deps: AppDeps;
  let server: Server;
  let clock: FakeClock;
  let operator: Header;
  let operatorId: string;
  let integration: Header;

  before(async function () {
    this.timeout(60_000);
    clock = new FakeClock(freshDay());
    deps = await testDeps({ clock });
    server = createServer(createApp(deps));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const op = await buildUser(deps.database.db, "operator");
    operatorId = op.id;
    operator = await authHeader(deps.tokens, op);
    const admin = await authHeader(deps.tokens, await buildUser(deps.database.db, "admin"));
    const key = await request(server).post("/api/integration-clients").set(admin).send({ name: "省12345平台 drill" }).expect(201);
    integration = { Authorization: `Bearer ${key.body.apiKey}` };
  });

  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const count = async (query: ReturnType<typeof sql>) => (await queryRows<{ n: number }>(deps.database.db, query))[0].n;

  it("a provincial ticket pushed 100 times at once makes exactly one case: every answer 200/201 with the same id", async function () {
    this.timeout(60_000);
    const externalRef = unique("12345-2026-");
    const body = caseBody({ externalRef, title: "省平台下发：企业反映用电报装慢" });
    const responses = await Promise.all(Array.from({ length: 100 }, () => request(server).post("/api/cases").set(integration).send(body)));
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s !== 200 && s !== 201), `statuses ${JSON.stringify(statuses)}`).to.deep.equal([]);
    expect(statuses.filter((s) => s === 201)).to.have.length(1);
    const ids = new Set(responses.map((r) => r.body.case.id));
    expect(ids.size).to.equal(1);
    const [id] = ids;
    expect(await count(sql`select count(*)::int as n from cases where channel = 'provincial_12345' and external_ref = ${externalRef}`)).to.equal(1);
    expect(await count(sql`select count(*)::int as n from case_events where case_id = ${id}`)).to.equal(1);
  });

  it("an operator's intake retried 20 times at once with one Idempotency-Key makes exactly one case", async function () {
    this.timeout(60_000);
    const key = unique("idem-");
    const responses = await Promise.all(Array.from({ length: 20 }, () => request(server).post("/api/cases").set(operator).set("Idempotency-Key", key).send(caseBody())));
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s !== 200 && s !== 201), `statuses ${JSON.stringify(statuses)}`).to.deep.equal([]);
    expect(statuses.filter((s) => s === 201)).to.have.length(1);
    expect(new Set(responses.map((r) => r.body.case.id)).size).to.equal(1);
    expect(await count(sql`select count(*)::int as n from cases where created_by = ${operatorId} and idempotency_key = ${key}`)).to.equal(1);
  });

  it("50 concurrent intakes get 50 distinct numbers and the day's sequence has no gap", async function () {
    this.timeout(60_000);
    const responses = await Promise.all(Array.from({ length: 50 }, (_, i) => request(server).post("/api/cases").set(operator).send(caseBody({ title: `并发受理 ${i}` }))));
    expect(responses.map((r) => r.status).filter((s) => s !== 201)).to.deep.equal([]);
    const numbers = responses.map((r) => r.body.case.number as string);
    expect(new Set(numbers).size).to.equal(50);
    const ymd = clock.now().toISOString().slice(0, 10).replaceAll("-", "");
    for (const n of numbers) expect(n).to.match(new RegExp(`^QZ${ymd}\\d{6}$`));
    const day = `${ymd.slice(0, 4)}-${ymd.slice(4, 6)}-${ymd.slice(6)}`;
    const last = await count(sql`select last as n from case_numbers where day = ${day}`);
    const stored = (await queryRows<{ number: string }>(deps.database.db, sql`select number from cases where number like ${`QZ${ymd}%`}`)).map((r) => Number(r.number.slice(-6))).sort((a, b) => a - b);
    expect(stored, "the day's sequence").to.deep.equal(Array.from({ length: last }, (_, i) => i + 1));
    expect(last).to.be.at.least(50);
  });

  describe("the hash chain", () => {
    /** A case with five events: intake, dispatch and three comments. */
    async function caseWithHistory(): Promise<string> {
      const kase = await createCase(server as never, operator);
      await actOk(server as never, operator, kase.id, "dispatch", { departmentId: (await buildDepartment(deps.database.db)).id });
      for (let i = 1; i <= 3; i++) await actOk(server as never, operator, kase.id, "comment", { content: `第${i}次沟通` });
      expect(await verifyCaseChain(deps.database.db, kase.id)).to.equal(null);
      return kase.id;
    }

    it("detects an event whose data was changed in the database, at that seq", async () => {
      const id = await caseWithHistory();
      await deps.database.db.execute(sql`update case_events set data = ${JSON.stringify({ content: "已办结，群众满意" })}::jsonb where case_id = ${id} and seq = 3`);
      expect(await verifyCaseChain(deps.database.db, id)).to.equal(3);
    });

    it("detects a changed actor or time as well as changed data", async () => {
      const id = await caseWithHistory();
      await deps.database.db.execute(sql`update case_events set at = at - interval '1 day' where case_id = ${id} and seq = 2`);
      expect(await verifyCaseChain(deps.database.db, id)).to.equal(2);
    });

    it("detects an event deleted from the middle of the history", async () => {
      const id = await caseWithHistory();
      await deps.database.db.execute(sql`delete from case_events where case_id = ${id} and seq = 3`);
      // The chain breaks where the gap is: seq 4 follows seq 2 (reported as 3 or 4, depending on the checker).
      expect(await verifyCaseChain(deps.database.db, id)).to.be.oneOf([3, 4]);
    });

    it("detects the newest event deleted (history truncated)", async () => {
      const id = await caseWithHistory();
      await deps.database.db.execute(sql`delete from case_events where case_id = ${id} and seq = 5`);
      expect(await verifyCaseChain(deps.database.db, id), "a truncated history must not verify").to.not.equal(null);
    });
  });
});
