CREATE TABLE "calendar_days" (
	"date" text PRIMARY KEY NOT NULL,
	"year" integer NOT NULL,
	"working" boolean NOT NULL,
	"name" text
);
--> statement-breakpoint
CREATE TABLE "calendar_years" (
	"year" integer PRIMARY KEY NOT NULL,
	"source" text NOT NULL,
	"loaded_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "categories" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"department_id" text,
	"sign_hours" smallint DEFAULT 2 NOT NULL,
	"reply_days" smallint DEFAULT 5 NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "departments" (
	"id" text PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"level" text NOT NULL,
	"parent_id" text,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "departments_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "enterprises" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"credit_code" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "enterprises_credit_code_unique" UNIQUE("credit_code")
);
--> statement-breakpoint
CREATE TABLE "integration_clients" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"key_hash" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "integration_clients_key_hash_unique" UNIQUE("key_hash")
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"sid" text PRIMARY KEY NOT NULL,
	"sess" jsonb NOT NULL,
	"expire" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" text PRIMARY KEY NOT NULL,
	"username" text NOT NULL,
	"display_name" text NOT NULL,
	"password_hash" text NOT NULL,
	"role" text NOT NULL,
	"department_id" text,
	"enterprise_id" text,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_assignments" (
	"id" text PRIMARY KEY NOT NULL,
	"case_id" text NOT NULL,
	"department_id" text NOT NULL,
	"role" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"dispatched_at" timestamp (3) with time zone NOT NULL,
	"sign_by" timestamp (3) with time zone NOT NULL,
	"signed_at" timestamp (3) with time zone,
	"signed_by" text
);
--> statement-breakpoint
CREATE TABLE "case_events" (
	"id" text PRIMARY KEY NOT NULL,
	"case_id" text NOT NULL,
	"seq" integer NOT NULL,
	"action" text NOT NULL,
	"actor_id" text,
	"actor_role" text NOT NULL,
	"at" timestamp (3) with time zone NOT NULL,
	"data" jsonb NOT NULL,
	"public" boolean NOT NULL,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_numbers" (
	"day" text PRIMARY KEY NOT NULL,
	"last" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cases" (
	"id" text PRIMARY KEY NOT NULL,
	"number" text NOT NULL,
	"channel" text NOT NULL,
	"type" text NOT NULL,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"category_code" text,
	"priority" text NOT NULL,
	"status" text NOT NULL,
	"previous_status" text,
	"requester_name" text,
	"requester_phone" text,
	"enterprise_name" text,
	"credit_code" text,
	"anonymous" boolean DEFAULT false NOT NULL,
	"confidential" boolean DEFAULT false NOT NULL,
	"location" text,
	"enterprise_id" text,
	"department_id" text,
	"assignee_id" text,
	"created_by" text,
	"external_ref" text,
	"idempotency_key" text,
	"sign_by" timestamp (3) with time zone,
	"reply_by" timestamp (3) with time zone,
	"return_by" timestamp (3) with time zone,
	"callback_by" timestamp (3) with time zone,
	"sign_state" smallint DEFAULT 0 NOT NULL,
	"reply_state" smallint DEFAULT 0 NOT NULL,
	"callback_state" smallint DEFAULT 0 NOT NULL,
	"next_sweep_at" timestamp (3) with time zone,
	"reply_overdue_at" timestamp (3) with time zone,
	"escalation" smallint DEFAULT 0 NOT NULL,
	"pending_extension_days" smallint,
	"pending_extension_reason" text,
	"extension_days_used" smallint DEFAULT 0 NOT NULL,
	"satisfaction" smallint,
	"callback_attempts" smallint DEFAULT 0 NOT NULL,
	"reopen_count" smallint DEFAULT 0 NOT NULL,
	"merged_into_id" text,
	"answer" text,
	"reply_content" text,
	"search_tokens" "tsvector",
	"received_at" timestamp (3) with time zone NOT NULL,
	"dispatched_at" timestamp (3) with time zone,
	"signed_at" timestamp (3) with time zone,
	"replied_at" timestamp (3) with time zone,
	"closed_at" timestamp (3) with time zone,
	"updated_at" timestamp (3) with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "phone_reads" (
	"id" text PRIMARY KEY NOT NULL,
	"case_id" text NOT NULL,
	"user_id" text NOT NULL,
	"at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "categories" ADD CONSTRAINT "categories_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_assignments" ADD CONSTRAINT "case_assignments_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_assignments" ADD CONSTRAINT "case_assignments_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_events" ADD CONSTRAINT "case_events_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_assignee_id_users_id_fk" FOREIGN KEY ("assignee_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "calendar_days_year_idx" ON "calendar_days" USING btree ("year");--> statement-breakpoint
CREATE INDEX "sessions_expire_idx" ON "sessions" USING btree ("expire");--> statement-breakpoint
CREATE UNIQUE INDEX "users_username_key" ON "users" USING btree ("username");--> statement-breakpoint
CREATE INDEX "case_assignments_case_idx" ON "case_assignments" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "case_assignments_department_idx" ON "case_assignments" USING btree ("department_id","active","case_id");--> statement-breakpoint
CREATE INDEX "case_assignments_sign_by_idx" ON "case_assignments" USING btree ("sign_by");--> statement-breakpoint
CREATE UNIQUE INDEX "case_events_case_seq_key" ON "case_events" USING btree ("case_id","seq");--> statement-breakpoint
CREATE INDEX "case_events_at_idx" ON "case_events" USING btree ("at","action");--> statement-breakpoint
CREATE UNIQUE INDEX "cases_number_key" ON "cases" USING btree ("number");--> statement-breakpoint
CREATE UNIQUE INDEX "cases_channel_external_ref_key" ON "cases" USING btree ("channel","external_ref");--> statement-breakpoint
CREATE UNIQUE INDEX "cases_idempotency_key" ON "cases" USING btree ("created_by","idempotency_key");--> statement-breakpoint
CREATE INDEX "cases_received_idx" ON "cases" USING btree ("received_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "cases_department_status_reply_idx" ON "cases" USING btree ("department_id","status","reply_by");--> statement-breakpoint
CREATE INDEX "cases_department_received_idx" ON "cases" USING btree ("department_id","received_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "cases_enterprise_received_idx" ON "cases" USING btree ("enterprise_id","received_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "cases_status_received_idx" ON "cases" USING btree ("status","received_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "cases_next_sweep_idx" ON "cases" USING btree ("next_sweep_at") WHERE "cases"."next_sweep_at" is not null;--> statement-breakpoint
CREATE INDEX "cases_updated_idx" ON "cases" USING btree ("updated_at","id");--> statement-breakpoint
CREATE INDEX "cases_credit_code_idx" ON "cases" USING btree ("credit_code","received_at");--> statement-breakpoint
CREATE INDEX "cases_phone_idx" ON "cases" USING btree ("requester_phone","received_at");--> statement-breakpoint
CREATE INDEX "cases_merged_into_idx" ON "cases" USING btree ("merged_into_id");--> statement-breakpoint
CREATE INDEX "cases_search_idx" ON "cases" USING gin ("search_tokens");--> statement-breakpoint
CREATE INDEX "phone_reads_case_idx" ON "phone_reads" USING btree ("case_id","at");