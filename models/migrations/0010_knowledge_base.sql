CREATE TABLE "knowledge_article_versions" (
	"article_id" text NOT NULL,
	"version" integer NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"category_code" text,
	"department_id" text NOT NULL,
	"keywords" text[] NOT NULL,
	"policy_ref" text,
	"effective_from" date,
	"effective_to" date,
	"public" boolean NOT NULL,
	"published_at" timestamp (3) with time zone NOT NULL,
	"published_by" text,
	CONSTRAINT "knowledge_article_versions_pkey" PRIMARY KEY("article_id","version")
);
--> statement-breakpoint
CREATE TABLE "knowledge_articles" (
	"id" text PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"category_code" text,
	"department_id" text NOT NULL,
	"keywords" text[] DEFAULT '{}'::text[] NOT NULL,
	"policy_ref" text,
	"effective_from" date,
	"effective_to" date,
	"public" boolean DEFAULT true NOT NULL,
	"status" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"seed_key" text,
	"search_tokens" "tsvector",
	"head_tokens" "tsvector",
	"created_by" text,
	"created_at" timestamp (3) with time zone NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "knowledge_citations" (
	"case_id" text NOT NULL,
	"seq" integer NOT NULL,
	"article_id" text NOT NULL,
	"version" integer NOT NULL,
	"action" text NOT NULL,
	"at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "knowledge_citations_pkey" PRIMARY KEY("case_id","seq")
);
--> statement-breakpoint
CREATE TABLE "knowledge_feedback" (
	"id" text PRIMARY KEY NOT NULL,
	"article_id" text NOT NULL,
	"version" integer NOT NULL,
	"helpful" boolean NOT NULL,
	"user_id" text,
	"at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "knowledge_gaps" (
	"id" text PRIMARY KEY NOT NULL,
	"text" text NOT NULL,
	"source" text NOT NULL,
	"asked_by" text,
	"at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "cited_article" jsonb;--> statement-breakpoint
ALTER TABLE "knowledge_article_versions" ADD CONSTRAINT "knowledge_article_versions_article_id_knowledge_articles_id_fk" FOREIGN KEY ("article_id") REFERENCES "public"."knowledge_articles"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "knowledge_articles" ADD CONSTRAINT "knowledge_articles_category_code_categories_code_fk" FOREIGN KEY ("category_code") REFERENCES "public"."categories"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "knowledge_articles" ADD CONSTRAINT "knowledge_articles_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "knowledge_citations" ADD CONSTRAINT "knowledge_citations_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "knowledge_citations" ADD CONSTRAINT "knowledge_citations_article_id_knowledge_articles_id_fk" FOREIGN KEY ("article_id") REFERENCES "public"."knowledge_articles"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "knowledge_feedback" ADD CONSTRAINT "knowledge_feedback_article_id_knowledge_articles_id_fk" FOREIGN KEY ("article_id") REFERENCES "public"."knowledge_articles"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "knowledge_articles_seed_key" ON "knowledge_articles" USING btree ("seed_key");--> statement-breakpoint
CREATE INDEX "knowledge_articles_search_idx" ON "knowledge_articles" USING gin ("search_tokens");--> statement-breakpoint
CREATE INDEX "knowledge_articles_head_idx" ON "knowledge_articles" USING gin ("head_tokens");--> statement-breakpoint
CREATE INDEX "knowledge_articles_updated_idx" ON "knowledge_articles" USING btree ("updated_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "knowledge_articles_expiry_idx" ON "knowledge_articles" USING btree ("effective_to") WHERE "knowledge_articles"."status" = 'published';--> statement-breakpoint
CREATE INDEX "knowledge_citations_article_idx" ON "knowledge_citations" USING btree ("article_id","at");--> statement-breakpoint
CREATE INDEX "knowledge_citations_at_idx" ON "knowledge_citations" USING btree ("at");--> statement-breakpoint
CREATE INDEX "knowledge_feedback_article_idx" ON "knowledge_feedback" USING btree ("article_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "knowledge_feedback_user_key" ON "knowledge_feedback" USING btree ("article_id","user_id") WHERE "knowledge_feedback"."user_id" is not null;--> statement-breakpoint
CREATE INDEX "knowledge_gaps_at_idx" ON "knowledge_gaps" USING btree ("at");