import { expect } from "chai";
import { sql } from "drizzle-orm";
import type { Express } from "express";
import { createApp } from "../../server/app.ts";
import { FakeClock } from "../../server/clock.ts";
import type { AppDeps } from "../../server/context.ts";
import { verifyCaseChain } from "../../server/commands/context.ts";
import type { DomainEvent } from "../../server/events.ts";
import { sweepOnce } from "../../server/jobs/deadlineSweeper.ts";
import { findCaseById, listEvents } from "../../models/queries/cases.ts";
import type { CaseRow } from "../../models/schema/index.ts";
import { authHeader, buildDepartment, buildUser } from "../factories.ts";
import { actOk, createCase, type Header } from "../support/api.ts";
import { testDeps } from "../support/testDeps.ts";

// The same schedule as sweeper.test.ts: an env.noise complaint dispatched Mon 2025-11-03 09:00 +08.
const T = {
  dispatch: "2025-11-03T01:00:00.000Z",
  signOverdue: "2025-11-03T03:00:00.000Z", // sign warning (10:30 +08) and overdue (11:00 +08) both due
  signed: "2025-11-03T03:30:00.000Z",
  replyWarning: "2025-11-07T05:52:30.000Z", // 75 % of the business time to replyBy (domain changed, issue #11)
  replyOverdue: "2025-11-10T09:30:00.000Z", // reply overdue and 催办 both due
  later: "2025-12-15T02:00:00.000Z",
};

const N = 150;

describe("deadline sweeper, batched writes", () => {
  let deps: AppDeps;
  let clock: FakeClock;
  let app: Express;
  let operator: Header, handler: Header;
  let dept: string, coDept: string;
  const ids: string[] = [];
  const withCo = new Set<string>();
  const published: DomainEvent[] = [];

  const mine = () => {
    const set = new Set(ids);
    return published.filter((e): e is Extract<DomainEvent, { case: unknown }> => "case" in e && set.has(e.case.id));
  };

  before(async () => {
    clock = new FakeClock(new Date(T.dispatch));
    deps = await testDeps({ clock });
    deps.bus.subscribe((e) => published.push(e));
    app = createApp(deps);
    const db = deps.database.db;
    dept = (await buildDepartment(db)).id;
    coDept = (await buildDepartment(db)).id;
    operator = await authHeader(deps.tokens, await buildUser(db, "operator"));
    handler = await authHeader(deps.tokens, await buildUser(db, "handler", { departmentId: dept }));
    for (let i = 0; i < N; i++) {
      const kase = await createCase(app, operator);
      const co = i % 10 === 0;
      await actOk(app, operator, kase.id, "dispatch", { departmentId: dept, ...(co ? { coDepartmentIds: [coDept] } : {}) });
      ids.push(kase.id);
      if (co) withCo.add(kase.id);
    }
  });

  it(`records two deadline steps for each of ${N} due cases across batches, chained, with one case.deadline each`, async () => {
    const before = new Map<string, CaseRow>();
    for (const id of ids) before.set(id, (await findCaseById(deps.database.db, id))!);
    published.length = 0;
    clock.set(T.signOverdue);
    const result = await sweepOnce(deps);
    expect(result.steps).to.be.at.least(2 * N);
    expect((await sweepOnce(deps)).steps).to.equal(0);

    for (const id of ids) {
      const was = before.get(id)!;
      const events = await listEvents(deps.database.db, id, { publicOnly: false });
      const swept = events.filter((e) => e.seq > was.lastEventSeq);
      expect(swept.map((e) => [e.seq, e.action, e.data.kind, e.data.state]), id).to.deep.equal([
        [was.lastEventSeq + 1, "deadline", "sign", "warning"],
        [was.lastEventSeq + 2, "deadline", "sign", "overdue"],
      ]);
      for (const e of swept) expect(e).to.include({ actorId: null, actorRole: "system", public: false });
      expect(await verifyCaseChain(deps.database.db, id), id).to.equal(null);
      const row = (await findCaseById(deps.database.db, id))!;
      // Bookkeeping only: version and updatedAt stay.
      expect(row).to.include({ signState: 2, version: was.version, lastEventSeq: was.lastEventSeq + 2, lastEventHash: swept[1].hash });
      expect(row.updatedAt.getTime()).to.equal(was.updatedAt.getTime());
      expect(row.nextSweepAt!.toISOString()).to.equal(T.replyWarning);
    }

    const emitted = mine();
    expect(emitted).to.have.length(2 * N);
    for (const id of ids) {
      const own = emitted.filter((e) => e.case.id === id);
      expect(own.map((e) => (e.type === "case.deadline" ? `${e.kind}:${e.state}` : e.type))).to.deep.equal(["sign:warning", "sign:overdue"]);
      // Each carries the row after its step.
      expect(own.map((e) => [e.case.signState, e.case.lastEventSeq])).to.deep.equal([
        [1, before.get(id)!.lastEventSeq + 1],
        [2, before.get(id)!.lastEventSeq + 2],
      ]);
      for (const e of own) expect(e.coDepartmentIds, id).to.deep.equal(withCo.has(id) ? [coDept] : []);
    }
  });

  it(`records reply overdue and 催办 for each of ${N} cases: case.updated carries its event and a version one higher`, async () => {
    clock.set(T.signed);
    for (const id of ids) await actOk(app, handler, id, "sign");
    await sweepOnce(deps, { batchSize: 40 });
    clock.set(T.replyWarning);
    await sweepOnce(deps, { batchSize: 40 });
    const before = new Map<string, CaseRow>();
    for (const id of ids) before.set(id, (await findCaseById(deps.database.db, id))!);
    published.length = 0;

    clock.set(T.replyOverdue);
    await sweepOnce(deps, { batchSize: 40 });
    expect((await sweepOnce(deps)).steps).to.equal(0);

    const emitted = mine();
    expect(emitted).to.have.length(2 * N);
    for (const id of ids) {
      const was = before.get(id)!;
      const events = (await listEvents(deps.database.db, id, { publicOnly: false })).filter((e) => e.seq > was.lastEventSeq);
      expect(events.map((e) => [e.seq, e.action, e.action === "escalate" ? e.data.level : e.data.state])).to.deep.equal([
        [was.lastEventSeq + 1, "deadline", "overdue"],
        [was.lastEventSeq + 2, "escalate", 1],
      ]);
      expect(events[1].data).to.deep.equal({ level: 1, automatic: true, dueAt: T.replyOverdue });
      expect(await verifyCaseChain(deps.database.db, id), id).to.equal(null);
      const row = (await findCaseById(deps.database.db, id))!;
      expect(row).to.include({ replyState: 2, escalation: 1, version: was.version + 1, lastEventSeq: was.lastEventSeq + 2 });
      expect(row.replyOverdueAt!.toISOString()).to.equal(T.replyOverdue);
      expect(row.updatedAt.toISOString()).to.equal(T.replyOverdue);

      const own = emitted.filter((e) => e.case.id === id);
      expect(own.map((e) => e.type)).to.deep.equal(["case.deadline", "case.updated"]);
      const [deadline, updated] = own;
      if (deadline.type !== "case.deadline" || updated.type !== "case.updated") throw new Error("unexpected event types");
      expect([deadline.kind, deadline.state]).to.deep.equal(["reply", "overdue"]);
      expect(deadline.case).to.include({ replyState: 2, escalation: 0, version: was.version });
      expect(deadline.case.replyOverdueAt!.toISOString()).to.equal(T.replyOverdue);
      // The escalation's row is the stored row, and its event is the stored event.
      expect(updated.event).to.deep.equal(events[1]);
      expect(updated.previousDepartmentIds).to.deep.equal([]);
      expect(updated.case).to.deep.equal(row);
      for (const e of own) expect(e.coDepartmentIds, id).to.deep.equal(withCo.has(id) ? [coDept] : []);
    }
  });

  it("emits nothing and writes nothing when a batch rolls back", async () => {
    const victim = ids[N - 1];
    const before = new Map<string, CaseRow>();
    for (const id of ids) before.set(id, (await findCaseById(deps.database.db, id))!);
    published.length = 0;
    const db = deps.database.db;
    // Refuses any event of one case, so the batch holding it fails after the others were applied in memory.
    await db.execute(sql.raw(`create function sweeper_batch_refuse() returns trigger language plpgsql as $$
      begin if new.case_id = '${victim}' then raise exception 'refused for the test'; end if; return new; end $$`));
    await db.execute(sql.raw("create trigger sweeper_batch_refuse before insert on case_events for each row execute function sweeper_batch_refuse()"));
    try {
      clock.set(T.later);
      let failed: unknown = null;
      await sweepOnce(deps, { batchSize: 10_000 }).catch((e: unknown) => (failed = e));
      // drizzle wraps the database error ("Failed query: …") with it as the cause.
      expect(`${String(failed)} ${String((failed as { cause?: unknown } | null)?.cause)}`).to.contain("refused for the test");
    } finally {
      await db.execute(sql.raw("drop trigger sweeper_batch_refuse on case_events"));
      await db.execute(sql.raw("drop function sweeper_batch_refuse()"));
    }
    expect(mine()).to.deep.equal([]);
    for (const id of ids) {
      const row = (await findCaseById(db, id))!;
      expect([row.escalation, row.lastEventSeq, row.version], id).to.deep.equal([1, before.get(id)!.lastEventSeq, before.get(id)!.version]);
    }

    // Once the fault is gone the same sweep records 督办 and 挂牌督办 once each.
    await sweepOnce(deps);
    expect((await sweepOnce(deps)).steps).to.equal(0);
    for (const id of ids) {
      const events = (await listEvents(db, id, { publicOnly: false })).filter((e) => e.seq > before.get(id)!.lastEventSeq);
      expect(events.map((e) => [e.action, e.data.level])).to.deep.equal([
        ["escalate", 2],
        ["escalate", 3],
      ]);
      expect(await verifyCaseChain(db, id)).to.equal(null);
      const row = (await findCaseById(db, id))!;
      expect(row).to.include({ escalation: 3, version: before.get(id)!.version + 2, nextSweepAt: null });
    }
    const emitted = mine();
    expect(emitted.map((e) => (e.type === "case.updated" ? e.event.data.level : e.type))).to.have.length(2 * N);
    for (const id of ids) {
      const versions = emitted.filter((e) => e.case.id === id).map((e) => e.case.version);
      expect(versions).to.deep.equal([before.get(id)!.version + 1, before.get(id)!.version + 2]);
    }
  });

  it("lets two sweepers race over 60 cases in batches of 7 and records each of their 7 steps once, chained", async () => {
    clock.set(T.dispatch);
    const racing: string[] = [];
    for (let i = 0; i < 60; i++) {
      const kase = await createCase(app, operator);
      await actOk(app, operator, kase.id, "dispatch", { departmentId: dept });
      racing.push(kase.id);
    }
    const other = await testDeps({ clock }); // a second instance: its own bus, the same database
    const otherPublished: DomainEvent[] = [];
    other.bus.subscribe((e) => otherPublished.push(e));
    published.length = 0;
    clock.set(T.later);
    await Promise.all([sweepOnce(deps, { batchSize: 7 }), sweepOnce(other, { batchSize: 7 })]);
    expect((await sweepOnce(deps)).steps).to.equal(0);
    const set = new Set(racing);
    const all = [...published, ...otherPublished].filter(
      (e): e is Extract<DomainEvent, { case: unknown }> => "case" in e && set.has(e.case.id),
    );
    expect(all).to.have.length(60 * 7);
    for (const id of racing) {
      const events = (await listEvents(deps.database.db, id, { publicOnly: false })).filter((e) => e.action === "deadline" || e.action === "escalate");
      expect(events.map((e) => (e.action === "deadline" ? `${e.data.kind}:${e.data.state}` : `escalate:${e.data.level}`)), id).to.deep.equal([
        "sign:warning",
        "sign:overdue",
        "reply:warning",
        "reply:overdue",
        "escalate:1",
        "escalate:2",
        "escalate:3",
      ]);
      expect(await verifyCaseChain(deps.database.db, id), id).to.equal(null);
      const own = all.filter((e) => e.case.id === id);
      // One instance swept the case: all its announcements went out on one bus, in order.
      expect(own.every((e) => published.includes(e)) || own.every((e) => otherPublished.includes(e)), id).to.equal(true);
      expect(own.map((e) => e.case.lastEventSeq)).to.deep.equal(events.map((e) => e.seq));
    }
  });
});
