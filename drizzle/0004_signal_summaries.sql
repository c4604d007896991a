CREATE TABLE "environment_daily_totals" (
	"environment_id" integer NOT NULL,
	"day" date NOT NULL,
	"event_name" text NOT NULL,
	"count" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "environment_daily_totals_environment_id_day_event_name_pk" PRIMARY KEY("environment_id","day","event_name")
);
--> statement-breakpoint
CREATE TABLE "rollup_changes" (
	"environment_id" integer NOT NULL,
	"account_id" text NOT NULL,
	"day" date NOT NULL,
	"changes" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "rollup_changes_environment_id_account_id_day_pk" PRIMARY KEY("environment_id","account_id","day")
);
--> statement-breakpoint
CREATE TABLE "signal_account_totals" (
	"environment_id" integer NOT NULL,
	"account_id" text NOT NULL,
	"totals" double precision[] NOT NULL,
	CONSTRAINT "signal_account_totals_environment_id_account_id_pk" PRIMARY KEY("environment_id","account_id")
);
--> statement-breakpoint
CREATE TABLE "signal_totals_state" (
	"environment_id" integer PRIMARY KEY NOT NULL,
	"as_of" date NOT NULL,
	"layout" text NOT NULL,
	"refreshed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "environment_daily_totals" ADD CONSTRAINT "environment_daily_totals_environment_id_environments_id_fk" FOREIGN KEY ("environment_id") REFERENCES "public"."environments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rollup_changes" ADD CONSTRAINT "rollup_changes_environment_id_environments_id_fk" FOREIGN KEY ("environment_id") REFERENCES "public"."environments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signal_account_totals" ADD CONSTRAINT "signal_account_totals_environment_id_environments_id_fk" FOREIGN KEY ("environment_id") REFERENCES "public"."environments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signal_totals_state" ADD CONSTRAINT "signal_totals_state_environment_id_environments_id_fk" FOREIGN KEY ("environment_id") REFERENCES "public"."environments"("id") ON DELETE cascade ON UPDATE no action;