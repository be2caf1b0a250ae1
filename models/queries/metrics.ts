import type { DepartmentMetricsDto, MetricFigures } from "../contracts.ts";
import { inArray, sql, type SQL } from "drizzle-orm";
import { queryRows, type Executor } from "../db.ts";
import { caseAssignments, caseMetricFacts, cases, departments } from "../schema/index.ts";

/**
 * Department metrics of domain.md (Metrics) for a period [from, to): a case counts
 * in the period of the event measured. Definitions, one per figure:
 * - received: distinct cases with an assignment (lead or co) to the department dispatched in the period;
 *   city-wide totals: cases with receivedAt in the period.
 * - signed / avgSignMinutes: assignments (lead or co) signed in the period; mean signedAt − dispatchedAt.
 * - signedOnTimeRate: of the assignments whose signBy fell in the period and that are due (signed, or still
 *   active, unsigned and past signBy on a case not merged/cancelled), those signed by signBy.
 * - replied / avgReplyHours: distinct cases with a reply event in the period, credited to the lead department
 *   at that moment; mean time from the start of the reply clock (the last dispatch or reopen) to each reply.
 * - repliedOnTimeRate: of the cases whose current (extended or reopened) replyBy fell in the period and is
 *   past or met, those replied (status replied/closed) by replyBy; merged/cancelled cases are left out.
 * - callbackRate / reopenRate: of the cases replied in the period, those with a callback / a reopen
 *   (reopen action, or a callback or rating that reopened) after that reply, up to now.
 * - satisfactionRate / badReviewRate: ratings in the period (reached callbacks with a score, enterprise
 *   ratings) scoring 3–5 / 1–2, over all those ratings.
 * - returnRate: approved returns in the period (credited to `returnedFrom`) over lead dispatches in the period.
 * - repeatRate: cases merged in the period, credited to the survivor's lead department, over received.
 * - overdueOpen: cases dispatched, under return review or in progress whose replyBy is before now.
 * Rates are null when the denominator is 0 and rounded to 4 decimals; means to 2 decimals.
 */
export type { MetricFigures };

/** The figures of one department, with its code and name. */
export type DepartmentFigures = DepartmentMetricsDto;

/** The period and scope of a metrics query; `now` is the instant of overdueOpen and of "due" deadlines. */
export interface MetricsQuery {
  from: Date;
  to: Date;
  now: Date;
  /** Only this department (its figures are also the totals). */
  departmentId?: string | null;
}

/** City-wide totals and the departments with any activity (or just the asked one). */
export interface MetricsResult {
  totals: MetricFigures;
  departments: DepartmentFigures[];
}

interface AssignmentCounts {
  received: number;
  dispatches: number;
  signed: number;
  sign_seconds: number;
  sign_due: number;
  sign_on_time: number;
}
interface EventCounts {
  replied: number;
  reply_timed: number;
  reply_seconds: number;
  callback_cases: number;
  reopened_cases: number;
  ratings: number;
  good_ratings: number;
  bad_ratings: number;
  approved_returns: number;
  merged: number;
}
interface CaseCounts {
  reply_due: number;
  reply_on_time: number;
  overdue_open: number;
}
type Grouped<T> = T & { dept: string | null; total: number };
type Counts = AssignmentCounts & EventCounts & CaseCounts;

const ts = (d: Date): SQL => sql`${d.toISOString()}::timestamptz`;
const within = (column: SQL, q: MetricsQuery): SQL => sql`(${column} >= ${ts(q.from)} and ${column} < ${ts(q.to)})`;

/** Per-department sign clocks and dispatches, from case_assignments. */
export function assignmentCounts(ex: Executor, q: MetricsQuery) {
  const dispatched = within(sql`a.dispatched_at`, q);
  const signed = within(sql`a.signed_at`, q);
  const signDue = within(sql`a.sign_by`, q);
  const scope = q.departmentId ? sql`and a.department_id = ${q.departmentId}` : sql``;
  // The case's status matters only for an unsigned assignment past its deadline: probed for those rows alone
  // (every assignment has its case), instead of joining every case. The ids are grouped and counted distinctly
  // byte-wise (collate "C": the same equality, a cheaper sort), and the sign times summed as whole milliseconds
  // (the columns hold milliseconds, so the sum is the exact one of extract(epoch …), without numeric arithmetic per row).
  return queryRows<Grouped<AssignmentCounts>>(
    ex,
    sql`select a.department_id collate "C" as dept, grouping(a.department_id collate "C")::int as total,
      (count(distinct a.case_id collate "C") filter (where ${dispatched}))::int as received,
      (count(*) filter (where ${dispatched} and a.role = 'lead'))::int as dispatches,
      (count(*) filter (where ${signed}))::int as signed,
      coalesce(sum(round(date_part('epoch', a.signed_at - a.dispatched_at) * 1000)::bigint) filter (where ${signed}) / 1000.0, 0)::float8 as sign_seconds,
      (count(*) filter (where ${signDue} and (a.signed_at is not null
        or (a.active and a.sign_by <= ${ts(q.now)}
          and exists (select 1 from ${cases} c where c.id = a.case_id and c.status not in ('merged', 'cancelled'))))))::int as sign_due,
      (count(*) filter (where ${signDue} and a.signed_at <= a.sign_by))::int as sign_on_time
    from ${caseAssignments} a
    where (${dispatched} or ${signed} or ${signDue}) ${scope}
    group by grouping sets ((a.department_id collate "C"), ())`,
  );
}

/*
 * eventCounts reads case_metric_facts: one row per measured event, written with the event (recordMetricFacts,
 * called by writeCaseEvent) and backfilled by migration 0004 with METRIC_FACTS_BACKFILL. The SQL below is the
 * definition of each fact, evaluated once per event at write time instead of at every read; the migration holds
 * the same text (test/integration/metricsFacts.test.ts checks both, and that they agree with the write path).
 */

/** The kind of metric fact event e is, or null: replies, ratings, approved returns, merges naming the merged case. */
const FACT_KIND = `case when e.action = 'reply' then 'reply'
    when (e.action = 'rate' or (e.action = 'callback' and e.data->>'reached' = 'true')) and e.data->>'satisfaction' is not null then 'rating'
    when e.action = 'decide-return' and e.data->>'approve' = 'true' then 'return'
    when e.action = 'merge' and e.data->>'mergedCaseId' is not null then 'merge' end`;

/**
 * Whether event f (re)started the reply clock: a dispatch or a reopen (reopen action, or a callback or rating
 * that reopened). `f.action <> 'dispatch' and` this is a reopen.
 */
const STARTS_REPLY_CLOCK = `(f.action in ('dispatch', 'reopen') or (f.action in ('callback', 'rate') and f.data->>'reopened' = 'true'))`;

/**
 * The facts of the events `e` of `source` (case_events, or a CTE of one of its rows) that the appended condition
 * selects (`and …`). The department is the lead department of e's case just before e: the last dispatch, unless an
 * approved return followed it; for an approved return, the department it was returned from. The reply seconds run
 * from the start of the reply clock (the last dispatch or reopen before the reply). The two flags: a callback /
 * a reopen after this reply, so far.
 */
const factsSelect = (source: string) => `select e.case_id, e.seq, e.at, k.kind,
  case when e.action = 'decide-return' then e.data->>'returnedFrom' else (select case when d.action = 'dispatch' then d.data->>'departmentId' end
    from case_events d
    where d.case_id = e.case_id and d.seq < e.seq
      and (d.action = 'dispatch' or (d.action = 'decide-return' and d.data->>'approve' = 'true'))
    order by d.seq desc limit 1) end as department_id,
  case when e.action = 'reply' then extract(epoch from e.at - (select f.at from case_events f
    where f.case_id = e.case_id and f.seq < e.seq and ${STARTS_REPLY_CLOCK} order by f.seq desc limit 1))::float8 end as reply_seconds,
  case when k.kind = 'rating' then (e.data->>'satisfaction')::int end as score,
  k.kind = 'reply' and exists (select 1 from case_events f where f.case_id = e.case_id and f.seq > e.seq and f.action = 'callback') as callback_after,
  k.kind = 'reply' and exists (select 1 from case_events f where f.case_id = e.case_id and f.seq > e.seq and f.action <> 'dispatch' and ${STARTS_REPLY_CLOCK}) as reopened_after
from ${source} e cross join lateral (select ${FACT_KIND} as kind) k
where k.kind is not null`;

const FACTS_COLUMNS = "case_id, seq, at, kind, department_id, reply_seconds, score, callback_after, reopened_after";
const REPLY_ORDER_COLUMNS = "prev_reply_at, prev_department_reply_at, replies_in_order";

/**
 * The statements of migration 0004 that compute the facts of the events already written (also run by the bench
 * loader). For replies, also what recordMetricFacts reads from the earlier replies' facts: the time of the case's
 * previous reply, of its previous reply under the same department, and whether the case's replies all came no
 * earlier than the replies before them. Rows go in in time order, as the write path appends them, so that a
 * period's rows lie together.
 */
export const METRIC_FACTS_BACKFILL: string[] = [
  // Fresh statistics first: the per-event lookups need index plans, and PGlite has no autovacuum to gather them
  // (without them a PGlite database of 20 k cases took 2 minutes here, growing with the square of its events).
  "analyze case_events",
  `insert into case_metric_facts (${FACTS_COLUMNS}, ${REPLY_ORDER_COLUMNS})
select ${FACTS_COLUMNS},
  case when kind = 'reply' then lag(at) over (partition by case_id, kind order by seq) end,
  case when kind = 'reply' then lag(at) over (partition by case_id, kind, department_id order by seq) end,
  kind <> 'reply' or bool_and(max_before is null or at >= max_before) over (partition by case_id, kind)
from (select f.*, max(f.at) over (partition by f.case_id, f.kind order by f.seq rows between unbounded preceding and 1 preceding) as max_before
  from (${factsSelect("case_events")}) f) f
order by at
on conflict do nothing`];

/** The actions whose events can be a fact or set a flag of an earlier reply's fact; other events need no statement. */
const FACT_ACTIONS: ReadonlySet<string> = new Set(["reply", "callback", "rate", "decide-return", "merge", "reopen"]);

/**
 * Records the metric facts of the event just inserted as (caseId, seq), in the event's transaction: its own fact,
 * if any; for a callback or a reopen the flags of the case's earlier replies; for a reply that came earlier than
 * a reply before it (clocks of concurrent requests), that the case's replies are out of order. The case row is
 * locked by the caller, so the case's events cannot change meanwhile.
 */
export async function recordMetricFacts(ex: Executor, event: { caseId: string; seq: number; action: string }): Promise<void> {
  if (!FACT_ACTIONS.has(event.action)) return;
  const reopens = sql.raw(STARTS_REPLY_CLOCK.replaceAll("f.", "e.") + " and e.action <> 'dispatch'");
  const earlierReplies = sql.raw(`case_metric_facts r where r.case_id = f.case_id and r.kind = 'reply' and r.seq < f.seq`);
  await ex.execute(sql`with e as (
      select e.*, e.action = 'reply' and exists (select 1 from ${caseMetricFacts} r
        where r.case_id = e.case_id and r.kind = 'reply' and r.seq < e.seq and r.at > e.at) as late
      from case_events e where e.case_id = ${event.caseId} and e.seq = ${event.seq}
    ), later as (
      update ${caseMetricFacts} r set
        callback_after = r.callback_after or e.action = 'callback',
        reopened_after = r.reopened_after or (${reopens}),
        replies_in_order = r.replies_in_order and not e.late
      from e
      where r.case_id = e.case_id and r.seq < e.seq and r.kind = 'reply'
        and ((e.action = 'callback' and not r.callback_after) or ((${reopens}) and not r.reopened_after) or (e.late and r.replies_in_order))
    ), f as (${sql.raw(factsSelect("e"))})
    insert into ${caseMetricFacts} (${sql.raw(`${FACTS_COLUMNS}, ${REPLY_ORDER_COLUMNS}`)})
    select f.*,
      case when f.kind = 'reply' then (select r.at from ${earlierReplies} order by r.seq desc limit 1) end,
      case when f.kind = 'reply' then (select r.at from ${earlierReplies} and r.department_id is not distinct from f.department_id order by r.seq desc limit 1) end,
      f.kind <> 'reply' or not (e.late or exists (select 1 from ${earlierReplies} and not r.replies_in_order))
    from f cross join e`);
}

/**
 * Per-department replies, follow-ups of replies, ratings, approved returns and merges, from case_metric_facts.
 *
 * A case counts once per department (and once in the totals) however many replies it had in the period, and it has
 * a callback / a reopen after its first reply in the period when that first reply has. When a case's replies are in
 * time order, its first reply in the period is the one whose previous reply (under the department; for the totals,
 * of the case) fell outside the period, so these are plain counts over the period's rows. The cases whose replies
 * are out of order (rare: concurrent requests' clocks) are counted distinctly instead, as the definition says.
 */
export function eventCounts(ex: Executor, q: MetricsQuery) {
  const prefilter = q.departmentId
    ? sql`and exists (select 1 from ${caseAssignments} pa where pa.case_id = f.case_id and pa.department_id = ${q.departmentId})`
    : sql``;
  const scope = q.departmentId ? sql`and f.department_id = ${q.departmentId}` : sql``;
  const inPeriod = sql`${within(sql`f.at`, q)} ${scope} ${prefilter}`;
  const firstUnder = (column: string) =>
    sql`f.kind = 'reply' and f.replies_in_order and not coalesce(${within(sql.raw(`f.${column}`), q)}, false)`;
  const firstInDepartment = firstUnder("prev_department_reply_at");
  // Scoped to one department, the totals are that department's figures.
  const firstInCase = q.departmentId ? firstInDepartment : firstUnder("prev_reply_at");
  return queryRows<Grouped<EventCounts>>(
    ex,
    sql`with sums as (
      select f.department_id as dept, grouping(f.department_id)::int as total,
        (count(f.reply_seconds) filter (where f.kind = 'reply'))::int as reply_timed,
        coalesce(sum(f.reply_seconds) filter (where f.kind = 'reply'), 0)::float8 as reply_seconds,
        (count(*) filter (where f.kind = 'rating'))::int as ratings,
        (count(*) filter (where f.kind = 'rating' and f.score >= 3))::int as good_ratings,
        (count(*) filter (where f.kind = 'rating' and f.score <= 2))::int as bad_ratings,
        (count(*) filter (where f.kind = 'return'))::int as approved_returns,
        (count(*) filter (where f.kind = 'merge'))::int as merged,
        count(*) filter (where ${firstInDepartment}) as replied_d,
        count(*) filter (where ${firstInDepartment} and f.callback_after) as callback_d,
        count(*) filter (where ${firstInDepartment} and f.reopened_after) as reopened_d,
        count(*) filter (where ${firstInCase}) as replied_c,
        count(*) filter (where ${firstInCase} and f.callback_after) as callback_c,
        count(*) filter (where ${firstInCase} and f.reopened_after) as reopened_c
      from ${caseMetricFacts} f
      where ${inPeriod}
      group by grouping sets ((f.department_id), ())
    ), out_of_order as (
      select f.department_id as dept, f.case_id, bool_or(f.callback_after) as callback, bool_or(f.reopened_after) as reopened
      from ${caseMetricFacts} f
      where ${inPeriod} and f.kind = 'reply' and not f.replies_in_order
      group by f.department_id, f.case_id
    ), distinct_counts as (
      select dept, 0 as total, count(*) as replied, count(*) filter (where callback) as callback_cases, count(*) filter (where reopened) as reopened_cases
      from out_of_order group by dept
      union all
      select null, 1, count(*), count(*) filter (where callback), count(*) filter (where reopened)
      from (select case_id, bool_or(callback) as callback, bool_or(reopened) as reopened from out_of_order group by case_id) r
    )
    select s.dept, s.total, s.reply_timed, s.reply_seconds, s.ratings, s.good_ratings, s.bad_ratings, s.approved_returns, s.merged,
      (case when s.total = 1 then s.replied_c else s.replied_d end + coalesce(d.replied, 0))::int as replied,
      (case when s.total = 1 then s.callback_c else s.callback_d end + coalesce(d.callback_cases, 0))::int as callback_cases,
      (case when s.total = 1 then s.reopened_c else s.reopened_d end + coalesce(d.reopened_cases, 0))::int as reopened_cases
    from sums s left join distinct_counts d on d.total = s.total and d.dept is not distinct from s.dept`,
  );
}

/** Per-department reply deadlines in the period and open cases overdue now, from cases. */
export function caseCounts(ex: Executor, q: MetricsQuery) {
  const due = within(sql`c.reply_by`, q);
  const repliedOnTime = sql`(c.status in ('replied', 'closed') and c.replied_at is not null and c.replied_at <= c.reply_by)`;
  const overdue = sql`(c.status in ('dispatched', 'return_review', 'in_progress') and c.reply_by < ${ts(q.now)})`;
  const scope = q.departmentId ? sql`and c.department_id = ${q.departmentId}` : sql``;
  // Two index-only range scans (cases_reply_by_idx for the deadlines in the period, cases_open_reply_by_idx for the
  // open cases overdue now) instead of one bitmap scan of both sets' heap pages; the counts add up per department.
  return queryRows<Grouped<CaseCounts>>(
    ex,
    sql`select dept, grouping(dept)::int as total,
      coalesce(sum(reply_due), 0)::int as reply_due, coalesce(sum(reply_on_time), 0)::int as reply_on_time,
      coalesce(sum(overdue_open), 0)::int as overdue_open
    from (
      select c.department_id as dept,
        count(*) filter (where c.status not in ('merged', 'cancelled') and (${repliedOnTime} or c.reply_by <= ${ts(q.now)})) as reply_due,
        count(*) filter (where ${repliedOnTime}) as reply_on_time, 0 as overdue_open
      from ${cases} c
      where c.department_id is not null and ${due} ${scope}
      group by c.department_id
      union all
      select c.department_id, 0, 0, count(*)
      from ${cases} c
      where c.department_id is not null and ${overdue} ${scope}
      group by c.department_id
    ) x
    group by grouping sets ((dept), ())`,
  );
}

/** Cases received (intake) in the period, city-wide. */
async function intakeCount(ex: Executor, q: MetricsQuery): Promise<number> {
  const [row] = await queryRows<{ n: number }>(ex, sql`select count(*)::int as n from ${cases} c where ${within(sql`c.received_at`, q)}`);
  return row?.n ?? 0;
}

const ZERO: Counts = {
  received: 0, dispatches: 0, signed: 0, sign_seconds: 0, sign_due: 0, sign_on_time: 0,
  replied: 0, reply_timed: 0, reply_seconds: 0, callback_cases: 0, reopened_cases: 0, ratings: 0, good_ratings: 0, bad_ratings: 0, approved_returns: 0, merged: 0,
  reply_due: 0, reply_on_time: 0, overdue_open: 0,
};

const round = (value: number, digits: number): number => Number(value.toFixed(digits));

/** numerator ÷ denominator rounded to 4 decimals, or null when the denominator is 0. */
export function rate(numerator: number, denominator: number): number | null {
  return denominator > 0 ? round(numerator / denominator, 4) : null;
}

/** The mean of `count` durations summing `seconds`, in the unit (seconds per unit), to 2 decimals; null without any. */
function mean(seconds: number, count: number, unitSeconds: number): number | null {
  return count > 0 ? round(seconds / count / unitSeconds, 2) : null;
}

/** The published figures of raw counts. */
function figuresOf(c: Counts): MetricFigures {
  return {
    received: c.received,
    signed: c.signed,
    signedOnTimeRate: rate(c.sign_on_time, c.sign_due),
    replied: c.replied,
    repliedOnTimeRate: rate(c.reply_on_time, c.reply_due),
    callbackRate: rate(c.callback_cases, c.replied),
    satisfactionRate: rate(c.good_ratings, c.ratings),
    reopenRate: rate(c.reopened_cases, c.replied),
    avgSignMinutes: mean(c.sign_seconds, c.signed, 60),
    avgReplyHours: mean(c.reply_seconds, c.reply_timed, 3600),
    overdueOpen: c.overdue_open,
    badReviewRate: rate(c.bad_ratings, c.ratings),
    returnRate: rate(c.approved_returns, c.dispatches),
    repeatRate: rate(c.merged, c.received),
  };
}

/** Merges grouped rows of the three sources into counts per department and a grand total. */
function collect(sources: Grouped<Partial<Counts>>[][]): { total: Counts; byDepartment: Map<string, Counts> } {
  const total: Counts = { ...ZERO };
  const byDepartment = new Map<string, Counts>();
  for (const rows of sources) {
    for (const { dept, total: isTotal, ...counts } of rows) {
      const numbers = Object.fromEntries(Object.entries(counts).map(([k, v]) => [k, Number(v)]));
      if (isTotal) Object.assign(total, numbers);
      else if (dept !== null) byDepartment.set(dept, { ...(byDepartment.get(dept) ?? ZERO), ...numbers });
    }
  }
  return { total, byDepartment };
}

/** Computes the metrics of the period with four aggregate queries (no per-department loop). */
export async function computeMetrics(ex: Executor, q: MetricsQuery): Promise<MetricsResult> {
  const assignments = await assignmentCounts(ex, q);
  const events = await eventCounts(ex, q);
  const caseRows = await caseCounts(ex, q);
  const { total, byDepartment } = collect([assignments, events, caseRows]);
  if (!q.departmentId) total.received = await intakeCount(ex, q);

  const ids = q.departmentId
    ? [q.departmentId]
    : [...byDepartment].filter(([, c]) => Object.values(c).some((v) => v !== 0)).map(([id]) => id);
  const names = ids.length ? await ex.select({ id: departments.id, code: departments.code, name: departments.name }).from(departments).where(inArray(departments.id, ids)) : [];
  const list = names
    .map((d) => ({ departmentId: d.id, code: d.code, name: d.name, ...figuresOf(byDepartment.get(d.id) ?? ZERO) }))
    .sort((a, b) => a.code.localeCompare(b.code));
  return { totals: figuresOf(total), departments: list };
}
