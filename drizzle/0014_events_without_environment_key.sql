-- Events carry no foreign key to their environment: checking it per row was ~10% of the database's
-- time for a batch (lab). The write locks the environment once per statement (key share, as the
-- check did per row) and writes nothing if it is gone; deleting an environment deletes its events
-- (lib/ingest/write-events.ts, lib/environments/delete-environment.ts).
ALTER TABLE "events" DROP CONSTRAINT "events_environment_id_environments_id_fk";
