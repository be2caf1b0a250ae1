import { readFileSync } from "node:fs";
import { expect } from "chai";
import { inArray, sql } from "drizzle-orm";
import type { Express } from "express";
import request from "supertest";
import { assignmentCounts, caseCounts, eventCounts, METRIC_FACTS_BACKFILL, type MetricsQuery } from "../../models/queries/metrics.ts";
import { caseMetricFacts } from "../../models/schema/index.ts";
import { createApp } from "../../server/app.ts";
import { FakeClock } from "../../server/clock.ts";
import type { AppDeps } from "../../server/context.ts";
import { queryRows, type Executor } from "../../server/db.ts";
import { shanghaiTime } from "../../server/rules/workCalendar.ts";
import { authHeader, buildDepartment, buildEnterprise, buildUser } from "../factories.ts";
import { actOk, createCase, type Header } from "../support/api.ts";
import { addDays, randomMonday } from "../support/dates.ts";
import { testDeps } from "../support/testDeps.ts";

/**
 * eventCounts as it was before case_metric_facts: every figure recomputed from the timeline at read time. It is the
 * definition the stored facts must reproduce exactly, for any data.
 */
function eventCountsFromTimeline(ex: Executor, q: MetricsQuery) {
  const t = (d: Date) => sql`${d.toISOString()}::timestamptz`;
  const prefilter = q.departmentId
    ? sql`and exists (select 1 from case_assignments pa where pa.case_id = e.case_id and pa.department_id = ${q.departmentId})`
    : sql``;
  const scope = q.departmentId ? sql`where dept = ${q.departmentId}` : sql``;
  const startsReplyClock = sql`(f.action in ('dispatch', 'reopen') or (f.action in ('callback', 'rate') and f.data->>'reopened' = 'true'))`;
  return queryRows<Record<string, unknown>>(
    ex,
    sql`with ev as (
      select e.case_id, e.seq, e.action, e.data,
        case when e.action = 'decide-return' then e.data->>'returnedFrom' else (select case when d.action = 'dispatch' then d.data->>'departmentId' end
          from case_events d where d.case_id = e.case_id and d.seq < e.seq
            and (d.action = 'dispatch' or (d.action = 'decide-return' and d.data->>'approve' = 'true'))
          order by d.seq desc limit 1) end as dept,
        case when e.action = 'reply' then extract(epoch from e.at - (select f.at from case_events f
          where f.case_id = e.case_id and f.seq < e.seq and ${startsReplyClock} order by f.seq desc limit 1))::float8 end as secs
      from case_events e
      where e.at >= ${t(q.from)} and e.at < ${t(q.to)} and e.action in ('reply', 'callback', 'rate', 'merge', 'decide-return') ${prefilter}
    ), cohort as (
      select dept, case_id, min(seq) as first_seq from ev where action = 'reply' group by dept, case_id
    ), facts as (
      select dept, case_id, 'reply' as kind, secs, null::int as score, false as callback, false as reopened from ev where action = 'reply'
      union all
      select c.dept, c.case_id, 'cohort', null, null,
        exists (select 1 from case_events f where f.case_id = c.case_id and f.seq > c.first_seq and f.action = 'callback'),
        exists (select 1 from case_events f where f.case_id = c.case_id and f.seq > c.first_seq and f.action <> 'dispatch' and ${startsReplyClock})
      from cohort c
      union all
      select dept, case_id, 'rating', null, (data->>'satisfaction')::int, false, false from ev
      where (action = 'rate' or (action = 'callback' and data->>'reached' = 'true')) and data->>'satisfaction' is not null
      union all
      select dept, case_id, 'return', null, null, false, false from ev where action = 'decide-return' and data->>'approve' = 'true'
      union all
      select dept, case_id, 'merge', null, null, false, false from ev where action = 'merge' and data->>'mergedCaseId' is not null
    )
    select dept, grouping(dept)::int as total,
      (count(distinct case_id) filter (where kind = 'reply'))::int as replied,
      (count(secs) filter (where kind = 'reply'))::int as reply_timed,
      coalesce(sum(secs) filter (where kind = 'reply'), 0)::float8 as reply_seconds,
      (count(distinct case_id) filter (where kind = 'cohort' and callback))::int as callback_cases,
      (count(distinct case_id) filter (where kind = 'cohort' and reopened))::int as reopened_cases,
      (count(*) filter (where kind = 'rating'))::int as ratings,
      (count(*) filter (where kind = 'rating' and score >= 3))::int as good_ratings,
      (count(*) filter (where kind = 'rating' and score <= 2))::int as bad_ratings,
      (count(*) filter (where kind = 'return'))::int as approved_returns,
      (count(*) filter (where kind = 'merge'))::int as merged
    from facts ${scope}
    group by grouping sets ((dept), ())`,
  );
}

/** assignmentCounts and caseCounts as they were before fix D: a join of every case, one bitmap scan of both case sets. */
function assignmentCountsJoined(ex: Executor, q: MetricsQuery) {
  const t = (d: Date) => sql`${d.toISOString()}::timestamptz`;
  const within = (c: string) => sql`(${sql.raw(c)} >= ${t(q.from)} and ${sql.raw(c)} < ${t(q.to)})`;
  const scope = q.departmentId ? sql`and a.department_id = ${q.departmentId}` : sql``;
  return queryRows<Record<string, unknown>>(
    ex,
    sql`select a.department_id as dept, grouping(a.department_id)::int as total,
      (count(distinct a.case_id) filter (where ${within("a.dispatched_at")}))::int as received,
      (count(*) filter (where ${within("a.dispatched_at")} and a.role = 'lead'))::int as dispatches,
      (count(*) filter (where ${within("a.signed_at")}))::int as signed,
      coalesce(sum(extract(epoch from a.signed_at - a.dispatched_at)) filter (where ${within("a.signed_at")}), 0)::float8 as sign_seconds,
      (count(*) filter (where ${within("a.sign_by")} and (a.signed_at is not null
        or (a.active and a.sign_by <= ${t(q.now)} and c.status not in ('merged', 'cancelled')))))::int as sign_due,
      (count(*) filter (where ${within("a.sign_by")} and a.signed_at <= a.sign_by))::int as sign_on_time
    from case_assignments a join cases c on c.id = a.case_id
    where (${within("a.dispatched_at")} or ${within("a.signed_at")} or ${within("a.sign_by")}) ${scope}
    group by grouping sets ((a.department_id), ())`,
  );
}
function caseCountsBitmap(ex: Executor, q: MetricsQuery) {
  const t = (d: Date) => sql`${d.toISOString()}::timestamptz`;
  const due = sql`(c.reply_by >= ${t(q.from)} and c.reply_by < ${t(q.to)})`;
  const repliedOnTime = sql`(c.status in ('replied', 'closed') and c.replied_at is not null and c.replied_at <= c.reply_by)`;
  const overdue = sql`(c.status in ('dispatched', 'return_review', 'in_progress') and c.reply_by < ${t(q.now)})`;
  const scope = q.departmentId ? sql`and c.department_id = ${q.departmentId}` : sql``;
  return queryRows<Record<string, unknown>>(
    ex,
    sql`select c.department_id as dept, grouping(c.department_id)::int as total,
      (count(*) filter (where ${due} and c.status not in ('merged', 'cancelled') and (${repliedOnTime} or c.reply_by <= ${t(q.now)})))::int as reply_due,
      (count(*) filter (where ${due} and ${repliedOnTime}))::int as reply_on_time,
      (count(*) filter (where ${overdue}))::int as overdue_open
    from cases c
    where c.department_id is not null and (${due} or ${overdue}) ${scope}
    group by grouping sets ((c.department_id), ())`,
  );
}

/** Rows keyed and sorted by department (totals last), numbers as numbers, for a deep comparison. */
const normalise = (rows: object[]) =>
  rows
    .map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === "string" && k !== "dept" ? Number(v) : v])))
    .sort((a, b) => `${a.total}|${a.dept}`.localeCompare(`${b.total}|${b.dept}`));

describe("metrics facts (case_metric_facts)", () => {
  const M = randomMonday();
  const at = (day: number, hh: number, mm = 0) => shanghaiTime(addDays(M, day), hh, mm);
  let deps: AppDeps;
  let app: Express;
  let clock: FakeClock;
  let operator: Header, supervisor: Header, handlerA: Header, handlerB: Header, enterprise: Header;
  let deptA: { id: string }, deptB: { id: string };
  const caseIds: string[] = [];

  const metrics = (query: Record<string, string>) => request(app).get("/api/metrics").query(query).set(supervisor).expect(200);
  const row = (body: { departments: { departmentId: string }[] }, id: string) => body.departments.find((d) => d.departmentId === id);
  const factsOf = (ex: Executor) =>
    ex.select().from(caseMetricFacts).where(inArray(caseMetricFacts.caseId, caseIds)).orderBy(caseMetricFacts.caseId, caseMetricFacts.seq);

  before(async () => {
    clock = new FakeClock(at(0, 9));
    deps = await testDeps({ clock });
    app = createApp(deps);
    const db = deps.database.db;
    deptA = await buildDepartment(db, { name: "事实测试甲局" });
    deptB = await buildDepartment(db, { name: "事实测试乙局" });
    const h = async (role: Parameters<typeof buildUser>[1], o = {}) => authHeader(deps.tokens, await buildUser(db, role, o));
    operator = await h("operator");
    supervisor = await h("supervisor");
    handlerA = await h("handler", { departmentId: deptA.id });
    handlerB = await h("handler", { departmentId: deptB.id });
    enterprise = await h("enterprise", { enterpriseId: (await buildEnterprise(db)).id });

    // X: dispatched to A, returned by A (approved), re-dispatched to B, replied, reopened by a bad callback,
    // replied again, closed by a good callback, reopened by a supervisor, replied a third time.
    const x = await createCase(app, operator, { title: "事实测试 X" });
    caseIds.push(x.id);
    await actOk(app, operator, x.id, "dispatch", { departmentId: deptA.id });
    clock.set(at(0, 9, 30));
    await actOk(app, handlerA, x.id, "sign");
    await actOk(app, handlerA, x.id, "return", { reason: "not_our_function", note: "非本单位职责" });
    clock.set(at(0, 10));
    await actOk(app, operator, x.id, "decide-return", { approve: true });
    clock.set(at(0, 10, 30));
    await actOk(app, operator, x.id, "dispatch", { departmentId: deptB.id });
    clock.set(at(0, 11));
    await actOk(app, handlerB, x.id, "sign");
    clock.set(at(1, 15));
    await actOk(app, handlerB, x.id, "reply", { content: "已处理。，经现场核查问题已整改到位，承办人李工。" }); // 28.5 h after the dispatch
    clock.set(at(1, 16));
    await actOk(app, operator, x.id, "callback", { reached: true, satisfaction: 1 }); // reopens
    clock.set(at(2, 10));
    await actOk(app, handlerB, x.id, "reply", { content: "已再次处理。，经现场核查问题已整改到位，承办人李工。" }); // 18 h after the reopen
    clock.set(at(2, 11));
    await actOk(app, operator, x.id, "callback", { reached: true, satisfaction: 5 });
    clock.set(at(3, 9));
    await actOk(app, supervisor, x.id, "reopen", { reason: "抽查不合格" });
    clock.set(at(3, 15));
    await actOk(app, handlerB, x.id, "reply", { content: "第三次答复。，经现场核查问题已整改到位，承办人李工。" }); // 6 h after the reopen

    // Y: dispatched to A, replied, Z merged into it (a repeat for A), never called back.
    clock.set(at(1, 9));
    const y = await createCase(app, operator, { title: "事实测试 Y" });
    const z = await createCase(app, operator, { title: "事实测试 Z" });
    caseIds.push(y.id, z.id);
    await actOk(app, operator, y.id, "dispatch", { departmentId: deptA.id });
    clock.set(at(1, 9, 20));
    await actOk(app, handlerA, y.id, "sign");
    clock.set(at(1, 10));
    await actOk(app, operator, z.id, "merge", { intoCaseId: y.id });
    clock.set(at(2, 9));
    await actOk(app, handlerA, y.id, "reply", { content: "已答复。，经现场核查问题已整改到位，承办人李工。" }); // 24 h

    // W: an enterprise's consultation answered at intake and rated (no department: totals only).
    clock.set(at(2, 14));
    const w = await createCase(app, enterprise, { type: "consultation", title: "事实测试 W" });
    caseIds.push(w.id);
    await actOk(app, operator, w.id, "answer", { answer: "已解答。" });
    await actOk(app, enterprise, w.id, "rate", { satisfaction: 4 });

    // The second week. U: replied by A, reopened, returned by A, re-dispatched to B, replied by B, called back.
    clock.set(at(8, 9));
    const u = await createCase(app, operator, { title: "事实测试 U" });
    caseIds.push(u.id);
    await actOk(app, operator, u.id, "dispatch", { departmentId: deptA.id });
    clock.set(at(8, 9, 10));
    await actOk(app, handlerA, u.id, "sign");
    clock.set(at(8, 15));
    await actOk(app, handlerA, u.id, "reply", { content: "甲局答复。，经现场核查问题已整改到位，承办人李工。" });
    clock.set(at(8, 16));
    await actOk(app, operator, u.id, "reopen", { reason: "答复不完整" });
    clock.set(at(9, 9));
    await actOk(app, handlerA, u.id, "return", { reason: "not_our_function", note: "应由乙局办理" });
    clock.set(at(9, 9, 30));
    await actOk(app, operator, u.id, "decide-return", { approve: true });
    clock.set(at(9, 10));
    await actOk(app, operator, u.id, "dispatch", { departmentId: deptB.id });
    clock.set(at(9, 10, 10));
    await actOk(app, handlerB, u.id, "sign");
    clock.set(at(9, 15));
    await actOk(app, handlerB, u.id, "reply", { content: "乙局答复。，经现场核查问题已整改到位，承办人李工。" });
    clock.set(at(9, 16));
    await actOk(app, operator, u.id, "callback", { reached: true, satisfaction: 5 });

    // V: its second reply carries an earlier time than its first (as when two requests' clocks disagree).
    clock.set(at(10, 9));
    const v = await createCase(app, operator, { title: "事实测试 V" });
    caseIds.push(v.id);
    await actOk(app, operator, v.id, "dispatch", { departmentId: deptA.id });
    clock.set(at(10, 9, 10));
    await actOk(app, handlerA, v.id, "sign");
    clock.set(at(10, 15));
    await actOk(app, handlerA, v.id, "reply", { content: "第一次答复。，经现场核查问题已整改到位，承办人李工。" });
    clock.set(at(10, 16));
    await actOk(app, operator, v.id, "reopen", { reason: "重办" });
    clock.set(at(10, 12));
    await actOk(app, handlerA, v.id, "reply", { content: "第二次答复。，经现场核查问题已整改到位，承办人李工。" });
    clock.set(at(10, 17));
    await actOk(app, operator, v.id, "callback", { reached: true, satisfaction: 4 });
    clock.set(at(13, 9));
  });

  it("stores one fact per measured event, with the department, reply clock and later callback / reopen", async () => {
    const facts = await factsOf(deps.database.db);
    const x = facts.filter((f) => f.caseId === caseIds[0]).map(({ kind, departmentId, replySeconds, score, callbackAfter, reopenedAfter }) => ({
      kind, departmentId, replySeconds, score, callbackAfter, reopenedAfter,
    }));
    const A = deptA.id, B = deptB.id;
    expect(x).to.deep.equal([
      { kind: "return", departmentId: A, replySeconds: null, score: null, callbackAfter: false, reopenedAfter: false },
      { kind: "reply", departmentId: B, replySeconds: 28.5 * 3600, score: null, callbackAfter: true, reopenedAfter: true },
      { kind: "rating", departmentId: B, replySeconds: null, score: 1, callbackAfter: false, reopenedAfter: false },
      { kind: "reply", departmentId: B, replySeconds: 18 * 3600, score: null, callbackAfter: true, reopenedAfter: true },
      { kind: "rating", departmentId: B, replySeconds: null, score: 5, callbackAfter: false, reopenedAfter: false },
      { kind: "reply", departmentId: B, replySeconds: 6 * 3600, score: null, callbackAfter: false, reopenedAfter: false },
    ]);
    const kinds = facts.filter((f) => caseIds.slice(1, 4).includes(f.caseId)).map((f) => `${f.kind}:${f.departmentId}`);
    expect(kinds.sort()).to.deep.equal([`merge:${A}`, `reply:${A}`, "rating:null"].sort());
    const u = facts.filter((f) => f.caseId === caseIds[4]).map(({ kind, departmentId, prevReplyAt, prevDepartmentReplyAt, repliesInOrder, reopenedAfter }) => ({
      kind, departmentId, prevReplyAt, prevDepartmentReplyAt, repliesInOrder, reopenedAfter,
    }));
    expect(u).to.deep.equal([
      { kind: "reply", departmentId: A, prevReplyAt: null, prevDepartmentReplyAt: null, repliesInOrder: true, reopenedAfter: true },
      { kind: "return", departmentId: A, prevReplyAt: null, prevDepartmentReplyAt: null, repliesInOrder: true, reopenedAfter: false },
      { kind: "reply", departmentId: B, prevReplyAt: at(8, 15), prevDepartmentReplyAt: null, repliesInOrder: true, reopenedAfter: false },
      { kind: "rating", departmentId: B, prevReplyAt: null, prevDepartmentReplyAt: null, repliesInOrder: true, reopenedAfter: false },
    ]);
    const v = facts.filter((f) => f.caseId === caseIds[5] && f.kind === "reply");
    expect(v.map((f) => [f.repliesInOrder, f.prevDepartmentReplyAt, f.callbackAfter])).to.deep.equal([[false, null, true], [false, at(10, 15), true]]);
  });

  it("gives the figures of the definition", async () => {
    const all = await metrics({ from: M, to: addDays(M, 7) });
    expect(row(all.body, deptB.id)).to.deep.include({
      replied: 1, callbackRate: 1, reopenRate: 1, avgReplyHours: 17.5, satisfactionRate: 0.5, badReviewRate: 0.5,
    });
    expect(row(all.body, deptA.id)).to.deep.include({ replied: 1, callbackRate: 0, reopenRate: 0, avgReplyHours: 24, returnRate: 0.5, repeatRate: 0.5 });
    // Only the third reply of X falls on day 3: no callback after it, and no reopen.
    const day3 = await metrics({ from: addDays(M, 3), to: addDays(M, 4) });
    expect(row(day3.body, deptB.id)).to.deep.include({ replied: 1, callbackRate: 0, reopenRate: 0, avgReplyHours: 6, satisfactionRate: null });
    // Day 2: X's second reply (a callback and a reopen came after it) and Y's reply; ratings 5 (X) and 4 (W, totals only).
    const day2 = await metrics({ from: addDays(M, 2), to: addDays(M, 3) });
    expect(row(day2.body, deptB.id)).to.deep.include({ replied: 1, callbackRate: 1, reopenRate: 1, avgReplyHours: 18, satisfactionRate: 1 });
    expect(day2.body.totals).to.deep.include({ replied: 2, callbackRate: 0.5, reopenRate: 0.5, avgReplyHours: 21, satisfactionRate: 1 });
    // The second week: U counts for A and for B but once in the totals; V (out of order) counts once, with its callback.
    const week2 = await metrics({ from: addDays(M, 7), to: addDays(M, 14) });
    expect(row(week2.body, deptA.id)).to.deep.include({ replied: 2, callbackRate: 1, reopenRate: 1, returnRate: 0.5 });
    expect(row(week2.body, deptB.id)).to.deep.include({ replied: 1, callbackRate: 1, reopenRate: 0, avgReplyHours: 5 });
    expect(week2.body.totals).to.deep.include({ replied: 2, callbackRate: 1, reopenRate: 1 });
  });

  it("counts exactly as the definition (timeline, join), for every period and department scope", async () => {
    const ex = deps.database.db;
    const now = clock.now();
    const days: [number, number][] = [[0, 7], [0, 1], [1, 2], [2, 3], [3, 4], [1, 3], [0, 14], [7, 14], [8, 9], [9, 10], [8, 10], [10, 11]];
    const periods: [Date, Date][] = [
      ...days.map(([a, b]): [Date, Date] => [at(a, 0), at(b, 0)]),
      [at(10, 11), at(10, 16)], // both replies of V
      [at(10, 13), at(10, 16)], // V's first reply only (its second one is earlier)
      [at(10, 11), at(10, 13)], // V's second reply only
      [at(8, 12), at(9, 12)], // U's reply by A only
    ];
    for (const [from, to] of periods) {
      for (const departmentId of [undefined, deptA.id, deptB.id]) {
        const q: MetricsQuery = { from, to, now, departmentId };
        const label = `${from.toISOString()}..${to.toISOString()} ${departmentId ?? "all"}`;
        expect(normalise(await eventCounts(ex, q)), label).to.deep.equal(normalise(await eventCountsFromTimeline(ex, q)));
        expect(normalise(await assignmentCounts(ex, q)), label).to.deep.equal(normalise(await assignmentCountsJoined(ex, q)));
        expect(normalise(await caseCounts(ex, q)), label).to.deep.equal(normalise(await caseCountsBitmap(ex, q)));
      }
    }
  });

  it("backfills (migration 0004) the same facts as the write path", async () => {
    const db = deps.database.db;
    const written = await factsOf(db);
    expect(written).to.have.length(16);
    await db.transaction(async (tx) => {
      await tx.delete(caseMetricFacts).where(inArray(caseMetricFacts.caseId, caseIds));
      expect(await factsOf(tx)).to.have.length(0);
      for (const statement of METRIC_FACTS_BACKFILL) await tx.execute(sql.raw(statement));
      expect(await factsOf(tx)).to.deep.equal(written);
    });
    const migration = readFileSync(new URL("../../models/migrations/0004_metrics_facts.sql", import.meta.url), "utf8");
    const statements = migration.split("--> statement-breakpoint").map((s) => s.replace(/^(\s*--[^\n]*\n)+/, "").trim().replace(/;$/, ""));
    for (const statement of METRIC_FACTS_BACKFILL) expect(statements).to.include(statement);
  });
});
