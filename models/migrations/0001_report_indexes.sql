CREATE INDEX "case_assignments_dispatched_at_idx" ON "case_assignments" USING btree ("dispatched_at");--> statement-breakpoint
CREATE INDEX "case_assignments_signed_at_idx" ON "case_assignments" USING btree ("signed_at");--> statement-breakpoint
CREATE INDEX "case_events_action_at_idx" ON "case_events" USING btree ("action","at");--> statement-breakpoint
CREATE INDEX "cases_reply_by_idx" ON "cases" USING btree ("reply_by");--> statement-breakpoint
CREATE INDEX "cases_open_sign_by_idx" ON "cases" USING btree ("sign_by") WHERE "cases"."status" = 'dispatched';--> statement-breakpoint
CREATE INDEX "cases_open_callback_by_idx" ON "cases" USING btree ("callback_by") WHERE "cases"."status" = 'replied';