import { expect } from "chai";
import type { Express } from "express";
import { createApp } from "../../server/app.ts";
import { FakeClock } from "../../server/clock.ts";
import type { AppDeps } from "../../server/context.ts";
import { verifyCaseChain } from "../../server/commands/context.ts";
import type { DomainEvent } from "../../server/events.ts";
import { sweepOnce } from "../../server/jobs/deadlineSweeper.ts";
import { findCaseById, listEvents } from "../../models/queries/cases.ts";
import { authHeader, buildDepartment, buildUser } from "../factories.ts";
import { actOk, createCase, readCase, type Header } from "../support/api.ts";
import { testDeps } from "../support/testDeps.ts";

// A normal complaint (env.noise: 2 working hours to sign, 5 working days to reply) dispatched
// on Mon 2025-11-03 09:00 +08. November 2025 has no holidays, so by domain.md:
const T = {
  dispatch: "2025-11-03T01:00:00.000Z", // Mon 09:00 +08
  signWarning: "2025-11-03T02:30:00.000Z", // 10:30 +08: 75 % of 2 working hours
  signOverdue: "2025-11-03T03:00:00.000Z", // 11:00 +08
  // replyBy = 5th working day after 11/03 (11/04, 05, 06, 07, 10) at 17:30 +08 = Mon 11/10 09:30Z.
  // Warning at 75 % of the span in business time (domain changed, issue #11): 7 h on 11/03 + 7.5 h on each of
  // 11/04–11/07 and 11/10 = 44.5 h; 75 % = 33 h 22.5 min: Fri 11/07 13:52:30 +08.
  replyWarning: "2025-11-07T05:52:30.000Z",
  replyOverdue: "2025-11-10T09:30:00.000Z", // and 催办 (level 1) at once
  // The ladder is the working days rule applied to replyBy (domain changed, issue #11):
  supervised: "2025-11-11T09:30:00.000Z", // 督办: 1 working day after replyBy, Tue 11/11 17:30 +08
  listed: "2025-11-17T09:30:00.000Z", // 挂牌督办: 5 working days after (11/11…11/14, Mon 11/17) 17:30 +08
  later: "2025-12-15T02:00:00.000Z",
};

const before1ms = (iso: string) => new Date(new Date(iso).getTime() - 1);

describe("deadline sweeper", () => {
  let deps: AppDeps;
  let clock: FakeClock;
  let app: Express;
  let operator: Header, supervisor: Header, handler: Header;
  let dept: string;
  const published: DomainEvent[] = [];

  /** The sweeper's timeline entries of a case, as "deadline:sign:warning" / "escalate:1". */
  async function sweepHistory(caseId: string): Promise<string[]> {
    const events = await listEvents(deps.database.db, caseId, { publicOnly: false });
    return events
      .filter((e) => e.action === "deadline" || e.action === "escalate")
      .map((e) => (e.action === "deadline" ? `deadline:${e.data.kind}:${e.data.state}` : `escalate:${e.data.level}`));
  }

  /** What the bus announced about a case, in order. */
  const announced = (caseId: string) =>
    published
      .filter((e) => "case" in e && e.case.id === caseId)
      .map((e) => (e.type === "case.deadline" ? `deadline:${e.kind}:${e.state}` : e.type === "case.updated" ? `${e.event.action}` : e.type));

  async function dispatchedCase(): Promise<string> {
    clock.set(T.dispatch);
    const kase = await createCase(app, operator);
    await actOk(app, operator, kase.id, "dispatch", { departmentId: dept });
    return kase.id;
  }

  /** Sweeps at `at` and checks that a second sweep at the same instant finds nothing. */
  async function sweepAt(at: string | Date): Promise<void> {
    clock.set(at);
    await sweepOnce(deps);
    expect((await sweepOnce(deps)).steps, `second sweep at ${new Date(at).toISOString()}`).to.equal(0);
  }

  before(async () => {
    clock = new FakeClock(new Date(T.dispatch));
    deps = await testDeps({ clock });
    deps.bus.subscribe((e) => published.push(e));
    app = createApp(deps);
    const db = deps.database.db;
    dept = (await buildDepartment(db)).id;
    operator = await authHeader(deps.tokens, await buildUser(db, "operator"));
    supervisor = await authHeader(deps.tokens, await buildUser(db, "supervisor"));
    handler = await authHeader(deps.tokens, await buildUser(db, "handler", { departmentId: dept }));
  });

  it("walks warning → overdue → 催办 → 督办 → 挂牌督办, each exactly once, at the times of domain.md", async () => {
    const id = await dispatchedCase();
    await sweepAt(before1ms(T.signWarning));
    expect(await sweepHistory(id)).to.deep.equal([]);

    const version = (await findCaseById(deps.database.db, id))!.version;
    await sweepAt(T.signWarning);
    expect(await sweepHistory(id)).to.deep.equal(["deadline:sign:warning"]);
    // Bookkeeping only: clients holding the case keep a valid version.
    expect((await findCaseById(deps.database.db, id))!.version).to.equal(version);

    await sweepAt(T.signOverdue);
    expect(await sweepHistory(id)).to.deep.equal(["deadline:sign:warning", "deadline:sign:overdue"]);
    clock.set("2025-11-03T03:30:00.000Z");
    await actOk(app, handler, id, "sign"); // late, counted, not blocked

    await sweepAt(before1ms(T.replyWarning));
    expect(await sweepHistory(id)).to.have.length(2);
    await sweepAt(T.replyWarning);
    await sweepAt(before1ms(T.replyOverdue));
    expect((await sweepHistory(id)).slice(2)).to.deep.equal(["deadline:reply:warning"]);

    await sweepAt(T.replyOverdue);
    expect((await sweepHistory(id)).slice(3)).to.deep.equal(["deadline:reply:overdue", "escalate:1"]);
    clock.set("2025-11-10T09:31:00.000Z");
    const urged = (await readCase(app, operator, id)).body.case;
    expect(urged.escalation).to.equal(1);
    expect(urged.overdue.reply).to.equal(true);

    await sweepAt(before1ms(T.supervised));
    await sweepAt(T.supervised);
    await sweepAt(before1ms(T.listed));
    expect((await sweepHistory(id)).slice(5)).to.deep.equal(["escalate:2"]);
    await sweepAt(T.listed);
    await sweepAt(T.later);

    expect(await sweepHistory(id)).to.deep.equal([
      "deadline:sign:warning",
      "deadline:sign:overdue",
      "deadline:reply:warning",
      "deadline:reply:overdue",
      "escalate:1",
      "escalate:2",
      "escalate:3",
    ]);
    const row = (await findCaseById(deps.database.db, id))!;
    expect(row).to.include({ escalation: 3, signState: 2, replyState: 2, nextSweepAt: null });
    expect(row.replyOverdueAt!.toISOString()).to.equal(T.replyOverdue);
    const timeline = (await listEvents(deps.database.db, id, { publicOnly: false })).filter((e) => e.action === "escalate" || e.action === "deadline");
    for (const e of timeline) expect(e).to.include({ actorId: null, actorRole: "system", public: false });
    expect(timeline.filter((e) => e.action === "escalate").map((e) => e.data)).to.deep.equal([
      { level: 1, automatic: true, dueAt: T.replyOverdue },
      { level: 2, automatic: true, dueAt: T.supervised },
      { level: 3, automatic: true, dueAt: T.listed },
    ]);
    expect(await verifyCaseChain(deps.database.db, id)).to.equal(null);
    expect(announced(id)).to.deep.equal([
      "case.created",
      "dispatch",
      "deadline:sign:warning",
      "deadline:sign:overdue",
      "sign",
      "deadline:reply:warning",
      "deadline:reply:overdue",
      "escalate",
      "escalate",
      "escalate",
    ]);
  });

  it("catches up in one sweep after a long stop, recording every missed step once and in order", async () => {
    const id = await dispatchedCase();
    await sweepAt(T.later);
    expect(await sweepHistory(id)).to.deep.equal([
      "deadline:sign:warning",
      "deadline:sign:overdue",
      "deadline:reply:warning",
      "deadline:reply:overdue",
      "escalate:1",
      "escalate:2",
      "escalate:3",
    ]);
    expect((await findCaseById(deps.database.db, id))!.replyOverdueAt!.toISOString()).to.equal(T.replyOverdue);
  });

  it("never lowers a manual escalation and skips the ladder steps it already covers", async () => {
    const id = await dispatchedCase();
    clock.set("2025-11-04T02:00:00.000Z");
    await actOk(app, supervisor, id, "supervise", { note: "市领导关注" });
    await sweepAt(T.later);
    expect((await sweepHistory(id)).filter((s) => s.startsWith("escalate"))).to.deep.equal(["escalate:3"]);
    expect((await findCaseById(deps.database.db, id))!.escalation).to.equal(3);
  });

  it("stops the reply clock and the ladder once the department replied, then watches the callback", async () => {
    const id = await dispatchedCase();
    clock.set("2025-11-03T01:30:00.000Z");
    await actOk(app, handler, id, "sign");
    clock.set("2025-11-05T02:00:00.000Z"); // Wed 10:00 +08, before the reply warning
    await actOk(app, handler, id, "reply", { content: "已责令停止夜间施工。，经现场核查问题已整改到位，承办人李工。" });
    await sweepAt(T.later);
    // callbackBy = 1 working day after the reply: Thu 11/06 17:30 +08.
    expect(await sweepHistory(id)).to.deep.equal(["deadline:callback:warning", "deadline:callback:overdue"]);
    expect((await findCaseById(deps.database.db, id))!.escalation).to.equal(0);
  });

  it("lets two sweepers race over the same cases and still records each step once", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) ids.push(await dispatchedCase());
    const other = await testDeps({ clock }); // a second instance: its own bus, the same database
    const otherPublished: DomainEvent[] = [];
    other.bus.subscribe((e) => otherPublished.push(e));
    clock.set(T.later);
    const [a, b] = await Promise.all([sweepOnce(deps, { batchSize: 3 }), sweepOnce(other, { batchSize: 3 })]);
    expect(a.steps + b.steps).to.be.at.least(12 * 7);
    for (const id of ids) {
      expect(await sweepHistory(id), id).to.deep.equal([
        "deadline:sign:warning",
        "deadline:sign:overdue",
        "deadline:reply:warning",
        "deadline:reply:overdue",
        "escalate:1",
        "escalate:2",
        "escalate:3",
      ]);
      expect(await verifyCaseChain(deps.database.db, id)).to.equal(null);
    }
    const mine = new Set(ids);
    const sweeps = [...published, ...otherPublished].filter((e) => "case" in e && mine.has(e.case.id) && (e.type === "case.deadline" || (e.type === "case.updated" && e.event.action === "escalate")));
    expect(sweeps).to.have.length(12 * 7);
    expect((await sweepOnce(deps)).steps).to.equal(0);
  });
});
