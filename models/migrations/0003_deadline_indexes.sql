CREATE INDEX "cases_department_deadline_idx" ON "cases" USING btree ("department_id",coalesce(case when "status" = 'dispatched' then least("sign_by", "reply_by") when "status" = 'replied' then "callback_by" else "reply_by" end, 'infinity'::timestamptz),"id") WHERE "cases"."status" in ('registered','dispatched','return_review','in_progress','replied');--> statement-breakpoint
CREATE INDEX "cases_open_deadline_idx" ON "cases" USING btree (coalesce(case when "status" = 'dispatched' then least("sign_by", "reply_by") when "status" = 'replied' then "callback_by" else "reply_by" end, 'infinity'::timestamptz),"id") WHERE "cases"."status" in ('registered','dispatched','return_review','in_progress','replied');--> statement-breakpoint
-- Cases written before 0002 carry no chain head; events are now chained to the head on the row, so backfill it.
UPDATE "cases" c SET "last_event_seq" = h."seq", "last_event_hash" = h."hash"
FROM (SELECT DISTINCT ON ("case_id") "case_id", "seq", "hash" FROM "case_events" ORDER BY "case_id", "seq" DESC) h
WHERE h."case_id" = c."id" AND c."last_event_seq" < h."seq";
