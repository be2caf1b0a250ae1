DROP INDEX "cases_channel_external_ref_key";--> statement-breakpoint
DROP INDEX "cases_idempotency_key";--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "client_key" text;--> statement-breakpoint
-- References and idempotency keys belong to the client that sent them: the integration client, the enterprise, or the user.
UPDATE "cases" SET "client_key" = 'integration:' || coalesce("created_by", '') WHERE "channel" = 'provincial_12345';--> statement-breakpoint
UPDATE "cases" c SET "client_key" = 'enterprise:' || u."enterprise_id" FROM "users" u
  WHERE c."client_key" IS NULL AND u."id" = c."created_by" AND u."role" = 'enterprise' AND u."enterprise_id" IS NOT NULL;--> statement-breakpoint
UPDATE "cases" SET "client_key" = 'user:' || coalesce("created_by", '') WHERE "client_key" IS NULL;--> statement-breakpoint
ALTER TABLE "cases" ALTER COLUMN "client_key" SET NOT NULL;--> statement-breakpoint
-- Two users of one enterprise may have used the same Idempotency-Key: the later cases keep their rows, not the key.
UPDATE "cases" SET "idempotency_key" = NULL WHERE "id" IN (
  SELECT "id" FROM (SELECT "id", row_number() OVER (PARTITION BY "client_key", "idempotency_key" ORDER BY "received_at", "id") AS rn
    FROM "cases" WHERE "idempotency_key" IS NOT NULL) d WHERE d.rn > 1);--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "request_hash" text;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "subject_name" text;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "subject_credit_code" text;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "subject_enterprise_id" text;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "merged_requesters" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "last_reply_seq" integer;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "rated_reply_seq" integer;--> statement-breakpoint
UPDATE "cases" s SET "merged_requesters" = m.keys FROM (
  SELECT "merged_into_id" AS id, array_agg(DISTINCT k) AS keys FROM (
    SELECT "merged_into_id", 'enterprise:' || "enterprise_id" AS k FROM "cases" WHERE "merged_into_id" IS NOT NULL AND "enterprise_id" IS NOT NULL
    UNION ALL
    SELECT "merged_into_id", 'integration:' || "created_by" FROM "cases" WHERE "merged_into_id" IS NOT NULL AND "channel" = 'provincial_12345' AND "created_by" IS NOT NULL
  ) x GROUP BY "merged_into_id") m WHERE s."id" = m.id;--> statement-breakpoint
UPDATE "cases" c SET "last_reply_seq" = r.seq FROM (
  SELECT "case_id", max("seq") AS seq FROM "case_events" WHERE "action" IN ('reply', 'answer') GROUP BY "case_id") r WHERE c."id" = r."case_id";--> statement-breakpoint
UPDATE "cases" SET "rated_reply_seq" = "last_reply_seq" WHERE "satisfaction" IS NOT NULL;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_subject_enterprise_id_enterprises_id_fk" FOREIGN KEY ("subject_enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "cases_client_external_ref_key" ON "cases" USING btree ("client_key","external_ref");--> statement-breakpoint
CREATE UNIQUE INDEX "cases_client_idempotency_key" ON "cases" USING btree ("client_key","idempotency_key");--> statement-breakpoint
CREATE INDEX "cases_client_received_idx" ON "cases" USING btree ("client_key","received_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "cases_merged_requesters_idx" ON "cases" USING gin ("merged_requesters");