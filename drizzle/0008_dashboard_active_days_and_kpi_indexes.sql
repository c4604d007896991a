CREATE TABLE "environment_active_days" (
	"environment_id" integer NOT NULL,
	"day" date NOT NULL,
	"days_since_previous" integer NOT NULL,
	"accounts" integer NOT NULL,
	CONSTRAINT "environment_active_days_environment_id_day_days_since_previous_pk" PRIMARY KEY("environment_id","day","days_since_previous")
);
--> statement-breakpoint
ALTER TABLE "account_activity" ADD COLUMN "added_days" bit varying DEFAULT B'' NOT NULL;--> statement-breakpoint
ALTER TABLE "dashboard_summary_state" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "environment_active_days" ADD CONSTRAINT "environment_active_days_environment_id_environments_id_fk" FOREIGN KEY ("environment_id") REFERENCES "public"."environments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "signal_occurrences_open_accounts_idx" ON "signal_occurrences" USING btree ("environment_id","account_id","signal_key") WHERE ended_at is null;--> statement-breakpoint
CREATE INDEX "signal_occurrences_started_idx" ON "signal_occurrences" USING btree ("environment_id","started_at","ended_at","account_id","signal_key");--> statement-breakpoint
CREATE INDEX "account_activity_invites_idx" ON "account_activity" USING btree ("environment_id",("invite_totals"[cardinality("invite_totals")]));