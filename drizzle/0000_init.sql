CREATE TYPE "public"."admin_role" AS ENUM('owner', 'admin', 'viewer');--> statement-breakpoint
CREATE TYPE "public"."cohort_entity" AS ENUM('users', 'accounts');--> statement-breakpoint
CREATE TYPE "public"."connection_kind" AS ENUM('webhook', 'slack', 'email');--> statement-breakpoint
CREATE TYPE "public"."delivery_status" AS ENUM('pending', 'succeeded', 'failed');--> statement-breakpoint
CREATE TABLE "admin_users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"email" text NOT NULL,
	"name" text,
	"password_hash" text,
	"role" "admin_role" DEFAULT 'viewer' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_sign_in_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "instance_settings" (
	"key" text PRIMARY KEY NOT NULL,
	"value" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "environments" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "environments_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"built_in" boolean DEFAULT false NOT NULL,
	"is_default" boolean DEFAULT false NOT NULL,
	"time_zone" text DEFAULT 'UTC' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "write_keys" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"environment_id" integer NOT NULL,
	"name" text NOT NULL,
	"prefix" text NOT NULL,
	"key_hash" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "account_memberships" (
	"environment_id" integer NOT NULL,
	"account_id" text NOT NULL,
	"user_id" text NOT NULL,
	"first_seen_at" timestamp with time zone NOT NULL,
	"last_seen_at" timestamp with time zone NOT NULL,
	CONSTRAINT "account_memberships_environment_id_account_id_user_id_pk" PRIMARY KEY("environment_id","account_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "accounts" (
	"environment_id" integer NOT NULL,
	"account_id" text NOT NULL,
	"traits" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"first_seen_at" timestamp with time zone NOT NULL,
	"last_seen_at" timestamp with time zone NOT NULL,
	CONSTRAINT "accounts_environment_id_account_id_pk" PRIMARY KEY("environment_id","account_id")
);
--> statement-breakpoint
CREATE TABLE "daily_rollups" (
	"environment_id" integer NOT NULL,
	"account_id" text NOT NULL,
	"event_name" text NOT NULL,
	"day" date NOT NULL,
	"count" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "daily_rollups_environment_id_account_id_event_name_day_pk" PRIMARY KEY("environment_id","account_id","event_name","day")
);
--> statement-breakpoint
CREATE TABLE "events" (
	"environment_id" integer NOT NULL,
	"account_id" text DEFAULT '' NOT NULL,
	"message_id" text NOT NULL,
	"name" text NOT NULL,
	"user_id" text,
	"anonymous_id" text,
	"timestamp" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"properties" jsonb DEFAULT '{}'::jsonb NOT NULL,
	CONSTRAINT "events_environment_id_account_id_message_id_pk" PRIMARY KEY("environment_id","account_id","message_id")
);
--> statement-breakpoint
CREATE TABLE "users" (
	"environment_id" integer NOT NULL,
	"user_id" text NOT NULL,
	"traits" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"first_seen_at" timestamp with time zone NOT NULL,
	"last_seen_at" timestamp with time zone NOT NULL,
	CONSTRAINT "users_environment_id_user_id_pk" PRIMARY KEY("environment_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "metrics" (
	"environment_id" integer NOT NULL,
	"key" text NOT NULL,
	"name" text NOT NULL,
	"event_keys" text[] DEFAULT '{}' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "metrics_environment_id_key_pk" PRIMARY KEY("environment_id","key")
);
--> statement-breakpoint
CREATE TABLE "signal_occurrences" (
	"environment_id" integer NOT NULL,
	"account_id" text NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"signal_key" text NOT NULL,
	"window_days" integer NOT NULL,
	"current" numeric NOT NULL,
	"previous" numeric NOT NULL,
	"change_pct" numeric,
	"reason" text NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ended_at" timestamp with time zone,
	CONSTRAINT "signal_occurrences_environment_id_account_id_id_pk" PRIMARY KEY("environment_id","account_id","id")
);
--> statement-breakpoint
CREATE TABLE "signal_settings" (
	"environment_id" integer NOT NULL,
	"signal_key" text NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"threshold_pct" numeric,
	"min_volume" integer,
	"top_n" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "signal_settings_environment_id_signal_key_pk" PRIMARY KEY("environment_id","signal_key")
);
--> statement-breakpoint
CREATE TABLE "cohort_memberships" (
	"environment_id" integer NOT NULL,
	"cohort_id" uuid NOT NULL,
	"member_id" text NOT NULL,
	"entered_at" timestamp with time zone NOT NULL,
	"exited_at" timestamp with time zone,
	CONSTRAINT "cohort_memberships_environment_id_cohort_id_member_id_entered_at_pk" PRIMARY KEY("environment_id","cohort_id","member_id","entered_at")
);
--> statement-breakpoint
CREATE TABLE "cohorts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"environment_id" integer NOT NULL,
	"name" text NOT NULL,
	"entity" "cohort_entity" NOT NULL,
	"filter" jsonb NOT NULL,
	"filter_version" integer DEFAULT 1 NOT NULL,
	"schedule_minutes" integer DEFAULT 15 NOT NULL,
	"notify_on" text DEFAULT 'both' NOT NULL,
	"member_count" integer DEFAULT 0 NOT NULL,
	"last_evaluated_at" timestamp with time zone,
	"next_evaluation_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "connections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"environment_id" integer NOT NULL,
	"kind" "connection_kind" NOT NULL,
	"name" text NOT NULL,
	"config" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"secrets_encrypted" text,
	"event_keys" text[] DEFAULT '{}' NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"disabled_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "deliveries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"environment_id" integer NOT NULL,
	"connection_id" uuid NOT NULL,
	"message_id" text NOT NULL,
	"event_key" text NOT NULL,
	"payload" jsonb NOT NULL,
	"status" "delivery_status" DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now(),
	"last_response_code" integer,
	"last_latency_ms" integer,
	"last_response_excerpt" text,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "write_keys" ADD CONSTRAINT "write_keys_environment_id_environments_id_fk" FOREIGN KEY ("environment_id") REFERENCES "public"."environments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "write_keys" ADD CONSTRAINT "write_keys_created_by_admin_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."admin_users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "account_memberships" ADD CONSTRAINT "account_memberships_environment_id_environments_id_fk" FOREIGN KEY ("environment_id") REFERENCES "public"."environments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_environment_id_environments_id_fk" FOREIGN KEY ("environment_id") REFERENCES "public"."environments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "daily_rollups" ADD CONSTRAINT "daily_rollups_environment_id_environments_id_fk" FOREIGN KEY ("environment_id") REFERENCES "public"."environments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_environment_id_environments_id_fk" FOREIGN KEY ("environment_id") REFERENCES "public"."environments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_environment_id_environments_id_fk" FOREIGN KEY ("environment_id") REFERENCES "public"."environments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "metrics" ADD CONSTRAINT "metrics_environment_id_environments_id_fk" FOREIGN KEY ("environment_id") REFERENCES "public"."environments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signal_occurrences" ADD CONSTRAINT "signal_occurrences_environment_id_environments_id_fk" FOREIGN KEY ("environment_id") REFERENCES "public"."environments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signal_settings" ADD CONSTRAINT "signal_settings_environment_id_environments_id_fk" FOREIGN KEY ("environment_id") REFERENCES "public"."environments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cohort_memberships" ADD CONSTRAINT "cohort_memberships_environment_id_environments_id_fk" FOREIGN KEY ("environment_id") REFERENCES "public"."environments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cohort_memberships" ADD CONSTRAINT "cohort_memberships_cohort_id_cohorts_id_fk" FOREIGN KEY ("cohort_id") REFERENCES "public"."cohorts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cohorts" ADD CONSTRAINT "cohorts_environment_id_environments_id_fk" FOREIGN KEY ("environment_id") REFERENCES "public"."environments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "connections" ADD CONSTRAINT "connections_environment_id_environments_id_fk" FOREIGN KEY ("environment_id") REFERENCES "public"."environments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deliveries" ADD CONSTRAINT "deliveries_environment_id_environments_id_fk" FOREIGN KEY ("environment_id") REFERENCES "public"."environments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deliveries" ADD CONSTRAINT "deliveries_connection_id_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "admin_users_email_key" ON "admin_users" USING btree (lower("email"));--> statement-breakpoint
CREATE UNIQUE INDEX "environments_slug_key" ON "environments" USING btree ("slug");--> statement-breakpoint
CREATE UNIQUE INDEX "environments_one_default" ON "environments" USING btree ("is_default") WHERE "environments"."is_default";--> statement-breakpoint
CREATE UNIQUE INDEX "write_keys_key_hash_key" ON "write_keys" USING btree ("key_hash");--> statement-breakpoint
CREATE INDEX "write_keys_environment_idx" ON "write_keys" USING btree ("environment_id","created_at");--> statement-breakpoint
CREATE INDEX "account_memberships_user_idx" ON "account_memberships" USING btree ("environment_id","user_id");--> statement-breakpoint
CREATE INDEX "accounts_last_seen_idx" ON "accounts" USING btree ("environment_id","last_seen_at");--> statement-breakpoint
CREATE INDEX "daily_rollups_day_idx" ON "daily_rollups" USING btree ("environment_id","day","event_name");--> statement-breakpoint
CREATE INDEX "events_recent_idx" ON "events" USING btree ("environment_id","received_at");--> statement-breakpoint
CREATE INDEX "events_name_time_idx" ON "events" USING btree ("environment_id","name","timestamp");--> statement-breakpoint
CREATE INDEX "events_user_time_idx" ON "events" USING btree ("environment_id","user_id","timestamp");--> statement-breakpoint
CREATE INDEX "users_last_seen_idx" ON "users" USING btree ("environment_id","last_seen_at");--> statement-breakpoint
CREATE INDEX "signal_occurrences_open_idx" ON "signal_occurrences" USING btree ("environment_id","signal_key","ended_at");--> statement-breakpoint
CREATE INDEX "cohort_memberships_current_idx" ON "cohort_memberships" USING btree ("cohort_id","exited_at");--> statement-breakpoint
CREATE INDEX "cohorts_due_idx" ON "cohorts" USING btree ("next_evaluation_at");--> statement-breakpoint
CREATE INDEX "connections_environment_idx" ON "connections" USING btree ("environment_id");--> statement-breakpoint
CREATE INDEX "deliveries_due_idx" ON "deliveries" USING btree ("next_attempt_at") WHERE "deliveries"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "deliveries_connection_idx" ON "deliveries" USING btree ("connection_id","created_at");--> statement-breakpoint
CREATE INDEX "deliveries_environment_idx" ON "deliveries" USING btree ("environment_id","created_at");