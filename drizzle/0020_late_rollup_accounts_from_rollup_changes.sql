-- The marks of late events, one row per account from now on: the first and last day marked.
INSERT INTO "late_rollup_accounts" ("environment_id", "account_id", "first_day", "last_day")
SELECT "environment_id", "account_id", min("day"), max("day") FROM "rollup_changes"
GROUP BY "environment_id", "account_id"
ON CONFLICT DO NOTHING;
