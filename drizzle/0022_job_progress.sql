ALTER TABLE "scheduled_jobs" ADD COLUMN "progress" jsonb;--> statement-breakpoint
ALTER TABLE "scheduled_jobs" ADD COLUMN "progress_at" timestamp with time zone;