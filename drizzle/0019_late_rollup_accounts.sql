CREATE TABLE "late_rollup_accounts" (
	"environment_id" integer NOT NULL,
	"account_id" text NOT NULL,
	"first_day" date NOT NULL,
	"last_day" date NOT NULL,
	CONSTRAINT "late_rollup_accounts_environment_id_account_id_pk" PRIMARY KEY("environment_id","account_id")
);
--> statement-breakpoint
ALTER TABLE "late_rollup_accounts" ADD CONSTRAINT "late_rollup_accounts_environment_id_environments_id_fk" FOREIGN KEY ("environment_id") REFERENCES "public"."environments"("id") ON DELETE cascade ON UPDATE no action;