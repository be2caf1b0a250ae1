/**
 * The bulk loader of bench/reads.ts and bench/sweeper.ts: N cases across the
 * twelve departments and every status, with assignments and 1–5 hash-chained-looking
 * events per case, written with INSERT … SELECT generate_series in chunks (secondary
 * indexes and foreign keys dropped during the load and rebuilt afterwards, then
 * VACUUM ANALYZE). Titles come from 50 realistic ones whose search lexemes are
 * precomputed with the app's searchLexemes, so `search_tokens` is what intake
 * would have stored.
 *
 * Shape: N cases received at a constant rate over two years and stored in time
 * order (as a live table is; range scans over a month touch that month's pages),
 * status by age (see
 * STATUS_EXPR): ~93 % closed, 2 % cancelled, ~1 % recent open work, and a 3 %
 * stuck backlog (in progress, overdue, escalated). Open cases with a pending step
 * have next_sweep_at at that step, in the future (nothing is due after the load).
 */
import { METRIC_FACTS_BACKFILL } from "../models/queries/metrics.ts";
import { DEPARTMENTS } from "../server/seed.ts";
import { CASE_TEMPLATES, ENTERPRISE_NAMES, GIVEN, PLACES, SURNAMES, lexemesOf, type Raw } from "./support.ts";

export interface Dataset {
  cases: number;
  now: Date;
  departments: Record<string, string>;
  byStatus: Record<string, number>;
  events: number;
  assignments: number;
  seconds: number;
}

const sqlText = (s: string) => `'${s.replace(/'/g, "''")}'`;
const sqlArray = (a: string[]) => `array[${a.map(sqlText).join(",")}]::text[]`;

/**
 * Status follows age, as in a live system with a constant intake rate (N cases over
 * two years): the last half hour is still being registered/dispatched, the last
 * 2.5 h waits for signing, the last 8 days is being handled or replied, older cases
 * are closed (93 %) or cancelled (2 %), except a 3 % backlog of stuck cases still
 * in progress, overdue and escalated (what supervisors chase).
 */
const STATUS_EXPR = `case
  when age_h < 0.5 then case when r_status < 500 then 'registered' else 'dispatched' end
  when age_h < 2.5 then case when r_status < 700 then 'dispatched' when r_status < 720 then 'return_review' else 'in_progress' end
  when age_h < 192 then case when r_status < 800 then 'in_progress' when r_status < 900 then 'replied' when r_status < 910 then 'return_review'
                             when r_status < 920 then 'cancelled' else 'closed' end
  when age_h < 288 then case when r_status < 150 then 'replied' when r_status < 200 then 'in_progress' else 'closed' end
  else case when r_status < 930 then 'closed' when r_status < 950 then 'cancelled' else 'in_progress' end
end`;

const OPEN_CLOCK = "('dispatched', 'return_review', 'in_progress')";

function casesInsert(): string {
  const surnames = sqlArray([...SURNAMES]);
  const given = sqlArray(GIVEN);
  const places = sqlArray(PLACES);
  return `
insert into cases (id, number, channel, type, title, description, category_code, priority, status,
  requester_name, requester_phone, enterprise_name, anonymous, confidential, location,
  department_id, created_by, client_key, external_ref,
  sign_by, reply_by, return_by, callback_by, sign_state, reply_state, callback_state, next_sweep_at, reply_overdue_at,
  escalation, satisfaction, callback_attempts, reply_content, search_tokens,
  received_at, dispatched_at, signed_at, replied_at, closed_at, updated_at, version, last_event_seq, last_event_hash)
select id, number, channel, type, title, description, category_code, priority, status,
  requester_name, requester_phone, enterprise_name, anonymous, confidential, location,
  department_id, $4::text, 'user:' || $4::text, external_ref,
  sign_by, reply_by, return_by, callback_by,
  sign_state, reply_state, callback_state,
  -- the next step ahead (nothing is due when the load finishes)
  case when status = 'dispatched' and sign_state < 2 then sign_by
       when status in ${OPEN_CLOCK} and reply_state < 2 then reply_by
       when status in ${OPEN_CLOCK} and escalation = 1 then reply_by + interval '1 day'
       when status in ${OPEN_CLOCK} and escalation = 2 then reply_by + interval '7 days'
       when status = 'replied' and callback_state < 2 then callback_by end,
  case when reply_state = 2 then reply_by end,
  escalation,
  case when status = 'closed' then 3 + r_misc % 3 end,
  case when status = 'closed' then 1 else 0 end,
  case when status in ('replied', 'closed') then '经核查，相关问题已责成属地处理完毕，详见答复。' end,
  array_to_tsvector(lexemes || array[lower(number)]),
  received_at, dispatched_at, signed_at, replied_at, closed_at,
  coalesce(closed_at, replied_at, signed_at, dispatched_at, received_at),
  v.version,
  -- the chain head on the row: the last event written by EVENTS_INSERT (seq = version, its hash expression)
  v.version, md5(id || v.version) || md5(v.version || id)
from (
  select e.*,
    case when reply_state = 2 then case when $3::timestamptz - reply_by > interval '7 days' then 3 when $3::timestamptz - reply_by > interval '1 day' then 2 else 1 end else 0 end as escalation
  from (
    select d.*,
      case when status = 'dispatched' and sign_by < $3 then 2 when status = 'dispatched' then 1 else 0 end as sign_state,
      case when status in ${OPEN_CLOCK} and reply_by < $3 then 2 when status in ${OPEN_CLOCK} then 1 else 0 end as reply_state,
      case when status = 'replied' and callback_by < $3 then 2 when status = 'replied' then 1 else 0 end as callback_state
    from (
      select c.*,
        replied_at + interval '3 days' as callback_by,
        case when status = 'closed' then least(replied_at + interval '1 day', $3::timestamptz) when status = 'cancelled' then received_at + ($3::timestamptz - received_at) * 0.2 end as closed_at
      from (
        select b2.*,
          case when status in ('in_progress', 'return_review', 'replied', 'closed') then dispatched_at + least(interval '25 minutes', ($3::timestamptz - dispatched_at) * 0.3) end as signed_at,
          case when status = 'replied' then received_at + ($3::timestamptz - received_at) * 0.7
               when status = 'closed' then least(dispatched_at + interval '1 hour' + (r_misc / 1000.0) * interval '6 days', $3::timestamptz - ($3::timestamptz - received_at) * 0.1) end as replied_at
        from (
          select b.*,
            dispatched_at + interval '2 hours' as sign_by,
            dispatched_at + interval '7 days' as reply_by,
            dispatched_at + interval '1 day' as return_by
          from (
            select a.*,
              'QZ' || to_char(received_at + interval '8 hours', 'YYYYMMDD') || lpad(g::text, 7, '0') as number,
              case when status in ('registered', 'cancelled') then null
                   else received_at + least(interval '10 minutes', ($3::timestamptz - received_at) * 0.3) end as dispatched_at
            from (
              select s2.*, gen_random_uuid()::text as id,
                $3::timestamptz - age_h * interval '1 hour' as received_at,
                case when status in ('registered', 'cancelled') then null
                     when r_dept < 600 and t.department_id is not null then t.department_id
                     else county.id end as department_id,
                t.title, t.description, t.category_code,
                case when r_chan < 700 then 'hotline' when r_chan < 900 then 'online' when r_chan < 970 then 'service_centre' else 'provincial_12345' end as channel,
                case when r_chan >= 970 then '12345-' || g else null end as external_ref,
                case when r_misc < 500 then 'complaint' when r_misc < 750 then 'consultation' when r_misc < 850 then 'help'
                     when r_misc < 900 then 'report' when r_misc < 970 then 'suggestion' else 'praise' end as type,
                case when r_chan % 20 = 0 then 'urgent' else 'normal' end as priority,
                (${surnames})[1 + r_req % 20] || (${given})[1 + (r_req / 20) % 20] as requester_name,
                '13' || lpad((abs(hashint4extended(g, 8)) % 1000000000)::text, 9, '0') as requester_phone,
                case when r_req < 300 then en.name end as enterprise_name,
                r_req % 97 < 3 as anonymous,
                (r_req % 89 < 5 or (r_misc >= 850 and r_misc < 900)) as confidential,
                (${places})[1 + r_misc % 8] as location,
                t.lexemes || case when r_req < 300 then en.lexemes else '{}'::text[] end as lexemes
              from (
                select s.*, ${STATUS_EXPR} as status
                from (
                  select g,
                    abs(hashint4extended(g, 1)) % 1000 as r_status,
                    -- age in hours: a constant intake rate over two years, in insertion order (g = 1 is the oldest),
                    -- so the table is physically in time order as a live one is
                    greatest(0, ($5::int - g + (abs(hashint4extended(g, 2)) % 1000) / 1000.0) / $5::int) * 730 * 24 as age_h,
                    abs(hashint4extended(g, 3)) % 1000 as r_dept,
                    abs(hashint4extended(g, 4)) % 1000 as r_misc,
                    abs(hashint4extended(g, 5)) % ${CASE_TEMPLATES.length} as k_template,
                    abs(hashint4extended(g, 6)) % 1000 as r_req,
                    abs(hashint4extended(g, 7)) % 1000 as r_chan
                  from generate_series($1::int, $2::int) g
                ) s
              ) s2
              join bench_templates t on t.k = s2.k_template
              join bench_enterprises en on en.k = s2.r_req % ${ENTERPRISE_NAMES.length}
              join bench_departments county on county.k = 6 + s2.r_dept % 6
            ) a
          ) b
        ) b2
      ) c
    ) d
  ) e
) z
cross join lateral (select case z.status when 'registered' then 1 when 'dispatched' then 2 when 'cancelled' then 2 when 'in_progress' then 3
  when 'return_review' then 4 when 'replied' then 4 else 5 end as version) v`;
}

const EVENTS_INSERT = `
insert into case_events (id, case_id, seq, action, actor_id, actor_role, at, data, public, prev_hash, hash)
select gen_random_uuid()::text, c.id, s.seq,
  case when c.status = 'cancelled' and s.seq = 2 then 'cancel'
       when c.status = 'return_review' and s.seq = 4 then 'return'
       else (array['intake', 'dispatch', 'sign', 'reply', 'callback'])[s.seq] end,
  c.created_by,
  case when s.seq in (3, 4) then 'handler' else 'operator' end,
  coalesce(case s.seq when 1 then c.received_at when 2 then coalesce(c.dispatched_at, c.closed_at) when 3 then c.signed_at
                       when 4 then coalesce(c.replied_at, c.signed_at + interval '1 hour') else c.closed_at end, c.received_at),
  case s.seq when 1 then jsonb_build_object('channel', c.channel, 'number', c.number, 'externalRef', c.external_ref)
             when 2 then jsonb_build_object('departmentId', c.department_id, 'coDepartmentIds', '[]'::jsonb, 'note', null, 'signBy', c.sign_by, 'replyBy', c.reply_by)
             when 3 then jsonb_build_object('role', 'lead', 'late', false)
             when 4 then jsonb_build_object('content', c.reply_content, 'late', false)
             else jsonb_build_object('reached', true, 'satisfaction', c.satisfaction, 'comment', null, 'attempt', 0) end,
  s.seq <> 5,
  case when s.seq = 1 then repeat('0', 64) else md5(c.id || (s.seq - 1)) || md5((s.seq - 1) || c.id) end,
  md5(c.id || s.seq) || md5(s.seq || c.id)
from cases c cross join lateral generate_series(1, c.version) s(seq)
where c.created_by = $1
order by 7`;

const ASSIGNMENTS_INSERT = `
insert into case_assignments (id, case_id, department_id, role, active, dispatched_at, sign_by, signed_at, signed_by)
select gen_random_uuid()::text, c.id, c.department_id, 'lead', true, c.dispatched_at, c.sign_by, c.signed_at, null
from cases c where c.dispatched_at is not null and c.created_by = $1
union all
select gen_random_uuid()::text, c.id, d.id, 'co', true, c.dispatched_at, c.sign_by, c.signed_at, null
from cases c join bench_departments d on d.k = abs(hashtext(c.id)) % 12
where c.dispatched_at is not null and c.created_by = $1 and abs(hashtext(c.id || 'co')) % 100 < 5 and d.id <> c.department_id
order by 6`;

const TABLES = ["cases", "case_events", "case_assignments", "case_metric_facts"];

/** Loads n cases (+ assignments, events) into a migrated, seeded database. */
export async function loadDataset(raw: Raw, engine: "pglite" | "postgres", n: number, log: (s: string) => void = console.log): Promise<Dataset> {
  const started = performance.now();
  const now = new Date();
  const step = async (label: string, fn: () => Promise<unknown>) => {
    const t0 = performance.now();
    await fn();
    log(`  load: ${label} (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  };
  const departments = Object.fromEntries((await raw.query<{ code: string; id: string }>("select code, id from departments")).map((d) => [d.code, d.id]));
  const [operator] = await raw.query<{ id: string }>("select id from users where username = 'operator'");
  if (!operator) throw new Error("seed the demo users first");
  const createdBy = operator.id;

  await raw.exec(`drop table if exists bench_templates, bench_enterprises, bench_departments;
    create table bench_templates (k int primary key, title text, description text, category_code text, department_id text, lexemes text[]);
    create table bench_enterprises (k int primary key, name text, lexemes text[]);
    create table bench_departments (k int primary key, id text)`);
  for (const [k, t] of CASE_TEMPLATES.entries()) {
    await raw.query("insert into bench_templates values ($1, $2, $3, $4, $5, $6::text[])", [
      k,
      t.title,
      t.description,
      t.categoryCode,
      t.department ? departments[t.department] : null,
      lexemesOf(`${t.title} ${t.description}`),
    ]);
  }
  for (const [k, name] of ENTERPRISE_NAMES.entries()) await raw.query("insert into bench_enterprises values ($1, $2, $3::text[])", [k, name, lexemesOf(name)]);
  for (const [k, d] of DEPARTMENTS.entries()) await raw.query("insert into bench_departments values ($1, $2)", [k, departments[d.code]]);

  // Secondary indexes and foreign keys off during the load, rebuilt afterwards (as a bulk load would).
  const indexes = await raw.query<{ name: string; def: string }>(
    `select indexname as name, indexdef as def from pg_indexes where schemaname = 'public' and tablename = any($1::text[])
       and indexname not in (select conname from pg_constraint where contype = 'p')`,
    [TABLES],
  );
  const fks = await raw.query<{ name: string; tbl: string; def: string }>(
    `select conname as name, conrelid::regclass::text as tbl, pg_get_constraintdef(oid) as def from pg_constraint
       where contype = 'f' and (conrelid::regclass::text = any($1::text[]) or confrelid::regclass::text = any($1::text[]))`,
    [TABLES],
  );
  await step(`dropped ${indexes.length} indexes and ${fks.length} foreign keys`, async () => {
    for (const f of fks) await raw.exec(`alter table ${f.tbl} drop constraint ${f.name}`);
    for (const i of indexes) await raw.exec(`drop index ${i.name}`);
  });

  const chunk = engine === "pglite" ? 25_000 : 100_000;
  await step(`${n.toLocaleString("en-US")} cases`, async () => {
    const text = casesInsert();
    for (let from = 1; from <= n; from += chunk) {
      const to = Math.min(n, from + chunk - 1);
      await raw.query(text, [from, to, now, createdBy, n]);
      if (n > chunk) process.stdout.write(`\r  load: cases ${to.toLocaleString("en-US")} / ${n.toLocaleString("en-US")}`);
    }
    if (n > chunk) process.stdout.write("\n");
  });
  await step("assignments", () => raw.query(ASSIGNMENTS_INSERT, [createdBy]));
  // Events and assignments are written in time order, as a live system appends them.
  if (engine === "postgres") await raw.exec("set work_mem = '256MB'");
  await step("events", () => raw.query(EVENTS_INSERT, [createdBy]));
  // About 1 % of the cases in progress wait for a supervisor's decision on an extension request.
  await step("pending extension requests", () =>
    raw.exec("update cases set pending_extension_days = 3, pending_extension_reason = '需要联合执法，申请延期' where status = 'in_progress' and abs(hashtext(id)) % 100 = 0"),
  );
  await step(`rebuilt ${indexes.length} indexes and ${fks.length} foreign keys`, async () => {
    for (const i of indexes) {
      const t0 = performance.now();
      await raw.exec(engine === "postgres" ? `set maintenance_work_mem = '512MB'; ${i.def}` : i.def);
      const s = (performance.now() - t0) / 1000;
      if (s > 2) log(`    ${i.name}: ${s.toFixed(1)} s`);
    }
    // The metric facts of the loaded events, computed as migration 0004 backfills them (after case_events_case_seq_key is back).
    const t1 = performance.now();
    for (const statement of METRIC_FACTS_BACKFILL) await raw.exec(statement);
    log(`    case_metric_facts: ${((performance.now() - t1) / 1000).toFixed(1)} s`);
    for (const f of fks) await raw.exec(`alter table ${f.tbl} add constraint ${f.name} ${f.def}`);
  });
  await step("vacuum analyze", async () => {
    for (const t of TABLES) await raw.exec(`vacuum analyze ${t}`);
  });
  await raw.exec("drop table bench_templates, bench_enterprises, bench_departments");

  const byStatus = Object.fromEntries(
    (await raw.query<{ status: string; n: number }>("select status, count(*)::int as n from cases group by status order by 2 desc")).map((r) => [r.status, r.n]),
  );
  const [{ events }] = await raw.query<{ events: number }>("select count(*)::int as events from case_events");
  const [{ assignments }] = await raw.query<{ assignments: number }>("select count(*)::int as assignments from case_assignments");
  return { cases: n, now, departments, byStatus, events, assignments, seconds: (performance.now() - started) / 1000 };
}
