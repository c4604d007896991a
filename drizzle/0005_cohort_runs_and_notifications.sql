CREATE TABLE "cohort_notifications" (
	"cohort_id" uuid NOT NULL,
	"connection_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cohort_notifications_cohort_id_connection_id_pk" PRIMARY KEY("cohort_id","connection_id")
);
--> statement-breakpoint
CREATE TABLE "cohort_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"environment_id" integer NOT NULL,
	"cohort_id" uuid NOT NULL,
	"ran_at" timestamp with time zone NOT NULL,
	"added" integer NOT NULL,
	"removed" integer NOT NULL,
	"member_count" integer NOT NULL,
	"duration_ms" integer NOT NULL,
	"notified" boolean NOT NULL
);
--> statement-breakpoint
ALTER TABLE "cohorts" ADD COLUMN "notify_traits" text[] DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE "cohorts" ADD COLUMN "notify_first_run" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "cohorts" ADD COLUMN "last_run_id" uuid;--> statement-breakpoint
ALTER TABLE "cohorts" ADD COLUMN "last_error" text;--> statement-breakpoint
ALTER TABLE "cohort_notifications" ADD CONSTRAINT "cohort_notifications_cohort_id_cohorts_id_fk" FOREIGN KEY ("cohort_id") REFERENCES "public"."cohorts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cohort_notifications" ADD CONSTRAINT "cohort_notifications_connection_id_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cohort_runs" ADD CONSTRAINT "cohort_runs_environment_id_environments_id_fk" FOREIGN KEY ("environment_id") REFERENCES "public"."environments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cohort_runs" ADD CONSTRAINT "cohort_runs_cohort_id_cohorts_id_fk" FOREIGN KEY ("cohort_id") REFERENCES "public"."cohorts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "cohort_notifications_connection_idx" ON "cohort_notifications" USING btree ("connection_id");--> statement-breakpoint
CREATE INDEX "cohort_runs_cohort_idx" ON "cohort_runs" USING btree ("cohort_id","ran_at");--> statement-breakpoint
CREATE INDEX "cohort_memberships_entered_idx" ON "cohort_memberships" USING btree ("cohort_id","entered_at");--> statement-breakpoint
-- Cohort filters compare traits and properties with dates; a value that is not a timestamp must
-- not match rather than fail the whole evaluation.
CREATE OR REPLACE FUNCTION signalboard_try_timestamptz(value text) RETURNS timestamptz
  LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
  RETURN value::timestamptz;
EXCEPTION WHEN others THEN
  RETURN NULL;
END;
$$;
