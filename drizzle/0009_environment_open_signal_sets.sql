CREATE TABLE "environment_open_signal_sets" (
	"environment_id" integer NOT NULL,
	"signal_keys" text[] NOT NULL,
	"accounts" integer NOT NULL,
	CONSTRAINT "environment_open_signal_sets_environment_id_signal_keys_pk" PRIMARY KEY("environment_id","signal_keys")
);
--> statement-breakpoint
ALTER TABLE "environment_open_signal_sets" ADD CONSTRAINT "environment_open_signal_sets_environment_id_environments_id_fk" FOREIGN KEY ("environment_id") REFERENCES "public"."environments"("id") ON DELETE cascade ON UPDATE no action;