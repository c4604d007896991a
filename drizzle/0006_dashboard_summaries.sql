CREATE TABLE "account_activity" (
	"environment_id" integer NOT NULL,
	"account_id" text NOT NULL,
	"first_day" date NOT NULL,
	"active" bit varying NOT NULL,
	"invite_days" date[] NOT NULL,
	"invite_totals" bigint[] NOT NULL,
	CONSTRAINT "account_activity_environment_id_account_id_pk" PRIMARY KEY("environment_id","account_id")
);
--> statement-breakpoint
CREATE TABLE "dashboard_summary_state" (
	"environment_id" integer PRIMARY KEY NOT NULL,
	"invite_keys" text[] NOT NULL,
	"built_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "account_activity" ADD CONSTRAINT "account_activity_environment_id_environments_id_fk" FOREIGN KEY ("environment_id") REFERENCES "public"."environments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dashboard_summary_state" ADD CONSTRAINT "dashboard_summary_state_environment_id_environments_id_fk" FOREIGN KEY ("environment_id") REFERENCES "public"."environments"("id") ON DELETE cascade ON UPDATE no action;