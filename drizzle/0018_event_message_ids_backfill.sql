-- Every message id stored so far, so that a retry of an event sent before this migration is
-- still recognised. Ids stored under several accounts (the duplicates this table prevents from
-- now on) are kept as they are; each id is claimed once.
INSERT INTO "event_message_ids" ("environment_id", "message_id")
SELECT DISTINCT "environment_id", "message_id" FROM "events"
ON CONFLICT DO NOTHING;
