CREATE TABLE "case_metric_facts" (
	"case_id" text NOT NULL,
	"seq" integer NOT NULL,
	"at" timestamp (3) with time zone NOT NULL,
	"kind" text NOT NULL,
	"department_id" text,
	"reply_seconds" double precision,
	"score" integer,
	"callback_after" boolean DEFAULT false NOT NULL,
	"reopened_after" boolean DEFAULT false NOT NULL,
	"prev_reply_at" timestamp (3) with time zone,
	"prev_department_reply_at" timestamp (3) with time zone,
	"replies_in_order" boolean DEFAULT true NOT NULL,
	CONSTRAINT "case_metric_facts_pkey" PRIMARY KEY("case_id","seq")
);
--> statement-breakpoint
DROP INDEX "cases_reply_by_idx";--> statement-breakpoint
ALTER TABLE "case_metric_facts" ADD CONSTRAINT "case_metric_facts_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "case_metric_facts_at_idx" ON "case_metric_facts" USING btree ("at");--> statement-breakpoint
CREATE INDEX "case_metric_facts_out_of_order_idx" ON "case_metric_facts" USING btree ("at") WHERE not "case_metric_facts"."replies_in_order";--> statement-breakpoint
CREATE INDEX "cases_open_reply_by_idx" ON "cases" USING btree ("reply_by","department_id") WHERE "cases"."status" in ('dispatched', 'return_review', 'in_progress');--> statement-breakpoint
CREATE INDEX "cases_reply_by_idx" ON "cases" USING btree ("reply_by","department_id","status","replied_at");--> statement-breakpoint
-- Backfill: the facts of the events written before this migration, as recordMetricFacts writes them with each event
-- (the same SQL as METRIC_FACTS_BACKFILL in models/queries/metrics.ts).
analyze case_events;--> statement-breakpoint
insert into case_metric_facts (case_id, seq, at, kind, department_id, reply_seconds, score, callback_after, reopened_after, prev_reply_at, prev_department_reply_at, replies_in_order)
select case_id, seq, at, kind, department_id, reply_seconds, score, callback_after, reopened_after,
  case when kind = 'reply' then lag(at) over (partition by case_id, kind order by seq) end,
  case when kind = 'reply' then lag(at) over (partition by case_id, kind, department_id order by seq) end,
  kind <> 'reply' or bool_and(max_before is null or at >= max_before) over (partition by case_id, kind)
from (select f.*, max(f.at) over (partition by f.case_id, f.kind order by f.seq rows between unbounded preceding and 1 preceding) as max_before
  from (select e.case_id, e.seq, e.at, k.kind,
  case when e.action = 'decide-return' then e.data->>'returnedFrom' else (select case when d.action = 'dispatch' then d.data->>'departmentId' end
    from case_events d
    where d.case_id = e.case_id and d.seq < e.seq
      and (d.action = 'dispatch' or (d.action = 'decide-return' and d.data->>'approve' = 'true'))
    order by d.seq desc limit 1) end as department_id,
  case when e.action = 'reply' then extract(epoch from e.at - (select f.at from case_events f
    where f.case_id = e.case_id and f.seq < e.seq and (f.action in ('dispatch', 'reopen') or (f.action in ('callback', 'rate') and f.data->>'reopened' = 'true')) order by f.seq desc limit 1))::float8 end as reply_seconds,
  case when k.kind = 'rating' then (e.data->>'satisfaction')::int end as score,
  k.kind = 'reply' and exists (select 1 from case_events f where f.case_id = e.case_id and f.seq > e.seq and f.action = 'callback') as callback_after,
  k.kind = 'reply' and exists (select 1 from case_events f where f.case_id = e.case_id and f.seq > e.seq and f.action <> 'dispatch' and (f.action in ('dispatch', 'reopen') or (f.action in ('callback', 'rate') and f.data->>'reopened' = 'true'))) as reopened_after
from case_events e cross join lateral (select case when e.action = 'reply' then 'reply'
    when (e.action = 'rate' or (e.action = 'callback' and e.data->>'reached' = 'true')) and e.data->>'satisfaction' is not null then 'rating'
    when e.action = 'decide-return' and e.data->>'approve' = 'true' then 'return'
    when e.action = 'merge' and e.data->>'mergedCaseId' is not null then 'merge' end as kind) k
where k.kind is not null) f) f
order by at
on conflict do nothing;
