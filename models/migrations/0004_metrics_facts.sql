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
	CONSTRAINT "case_metric_facts_pkey" PRIMARY KEY("case_id","seq")
);
--> statement-breakpoint
ALTER TABLE "case_metric_facts" ADD CONSTRAINT "case_metric_facts_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "case_metric_facts_at_idx" ON "case_metric_facts" USING btree ("at");--> statement-breakpoint
-- Backfill: the facts of the events written before this migration, computed as recordMetricFacts does at write time
-- (the same SQL as METRIC_FACTS_BACKFILL in models/queries/metrics.ts).
insert into case_metric_facts (case_id, seq, at, kind, department_id, reply_seconds, score, callback_after, reopened_after)
select e.case_id, e.seq, e.at, k.kind,
  case when e.action = 'decide-return' then e.data->>'returnedFrom' else (select case when d.action = 'dispatch' then d.data->>'departmentId' end
    from case_events d
    where d.case_id = e.case_id and d.seq < e.seq
      and (d.action = 'dispatch' or (d.action = 'decide-return' and d.data->>'approve' = 'true'))
    order by d.seq desc limit 1) end,
  case when e.action = 'reply' then extract(epoch from e.at - (select f.at from case_events f
    where f.case_id = e.case_id and f.seq < e.seq and (f.action in ('dispatch', 'reopen') or (f.action in ('callback', 'rate') and f.data->>'reopened' = 'true')) order by f.seq desc limit 1))::float8 end,
  case when k.kind = 'rating' then (e.data->>'satisfaction')::int end,
  k.kind = 'reply' and exists (select 1 from case_events f where f.case_id = e.case_id and f.seq > e.seq and f.action = 'callback'),
  k.kind = 'reply' and exists (select 1 from case_events f where f.case_id = e.case_id and f.seq > e.seq and f.action <> 'dispatch' and (f.action in ('dispatch', 'reopen') or (f.action in ('callback', 'rate') and f.data->>'reopened' = 'true')))
from case_events e cross join lateral (select case when e.action = 'reply' then 'reply'
    when (e.action = 'rate' or (e.action = 'callback' and e.data->>'reached' = 'true')) and e.data->>'satisfaction' is not null then 'rating'
    when e.action = 'decide-return' and e.data->>'approve' = 'true' then 'return'
    when e.action = 'merge' and e.data->>'mergedCaseId' is not null then 'merge' end as kind) k
where k.kind is not null
on conflict do nothing;
