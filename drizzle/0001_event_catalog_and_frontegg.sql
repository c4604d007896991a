CREATE TABLE "event_types" (
	"environment_id" integer NOT NULL,
	"name" text NOT NULL,
	"total" bigint DEFAULT 0 NOT NULL,
	"first_seen_at" timestamp with time zone NOT NULL,
	"last_seen_at" timestamp with time zone NOT NULL,
	CONSTRAINT "event_types_environment_id_name_pk" PRIMARY KEY("environment_id","name")
);
--> statement-breakpoint
ALTER TABLE "environments" ADD COLUMN "frontegg_webhook_secret" text;--> statement-breakpoint
ALTER TABLE "event_types" ADD CONSTRAINT "event_types_environment_id_environments_id_fk" FOREIGN KEY ("environment_id") REFERENCES "public"."environments"("id") ON DELETE cascade ON UPDATE no action;