DROP INDEX "events_user_time_idx";--> statement-breakpoint
CREATE INDEX "events_user_idx" ON "events" USING btree ("environment_id","user_id");