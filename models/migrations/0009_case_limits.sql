ALTER TABLE "categories" ADD COLUMN "limits" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "reply_started_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "reply_limit" text;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "limits" jsonb;--> statement-breakpoint
-- Hand-written: running reply clocks of reopened cases started at their latest reopen, not at dispatch
-- (the warning counts from there; null keeps meaning "at dispatch" for every other case).
UPDATE "cases" c SET "reply_started_at" = r.at, "reply_limit" = 'reopened'
FROM (
  SELECT e.case_id, max(e.at) AS at FROM "case_events" e
  WHERE e.action = 'reopen' OR (e.action IN ('rate', 'callback') AND e.data->>'reopened' = 'true')
  GROUP BY e.case_id
) r
WHERE c.id = r.case_id AND c.reopen_count > 0 AND c.status IN ('dispatched', 'return_review', 'in_progress')
  AND (c.dispatched_at IS NULL OR r.at > c.dispatched_at);--> statement-breakpoint
-- Hand-written: a case closed at intake and reopened, waiting in the queue: its next dispatch is a reopened one.
UPDATE "cases" SET "reply_limit" = 'reopened' WHERE "status" = 'registered' AND "reopen_count" > 0 AND "dispatched_at" IS NULL;
