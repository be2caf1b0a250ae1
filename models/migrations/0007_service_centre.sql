CREATE TABLE "services" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"prefix" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"sort" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ticket_numbers" (
	"service_code" text NOT NULL,
	"day" text NOT NULL,
	"last" integer NOT NULL,
	CONSTRAINT "ticket_numbers_service_code_day_pk" PRIMARY KEY("service_code","day")
);
--> statement-breakpoint
CREATE TABLE "tickets" (
	"id" text PRIMARY KEY NOT NULL,
	"service_code" text NOT NULL,
	"day" text NOT NULL,
	"seq" integer NOT NULL,
	"number" text NOT NULL,
	"status" text NOT NULL,
	"window" text,
	"phone" text,
	"enterprise_id" text,
	"user_id" text,
	"access_code_hash" text,
	"issued_at" timestamp (3) with time zone NOT NULL,
	"called_at" timestamp (3) with time zone,
	"last_called_at" timestamp (3) with time zone,
	"served_at" timestamp (3) with time zone,
	"finished_at" timestamp (3) with time zone,
	"called_by" text,
	"outcome" text,
	"case_id" text,
	"recalls" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_service_code_services_code_fk" FOREIGN KEY ("service_code") REFERENCES "public"."services"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "tickets_waiting_idx" ON "tickets" USING btree ("day","service_code","issued_at") WHERE "tickets"."status" = 'waiting';--> statement-breakpoint
CREATE UNIQUE INDEX "tickets_number_uq" ON "tickets" USING btree ("service_code","day","seq");--> statement-breakpoint
CREATE INDEX "tickets_case_idx" ON "tickets" USING btree ("case_id");