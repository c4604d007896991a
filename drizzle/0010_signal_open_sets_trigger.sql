-- environment_open_signal_sets follows signal_occurrences: after each statement, every account
-- whose open occurrences changed moves from the set of keys it had open before to the one it has
-- now. The sets before are the open rows now minus what the statement added plus what it removed,
-- so nothing per account is stored. Writers of an environment's occurrences are serialized (the
-- evaluation's advisory lock), which keeps the counts exact.
CREATE FUNCTION "signal_open_sets_after_change"() RETURNS trigger LANGUAGE plpgsql AS $fn$
DECLARE
  changes text := CASE TG_OP
    WHEN 'INSERT' THEN 'select environment_id, account_id, signal_key, 1 as n from new_rows where ended_at is null'
    WHEN 'DELETE' THEN 'select environment_id, account_id, signal_key, -1 as n from old_rows where ended_at is null'
    ELSE 'select environment_id, account_id, signal_key, 1 as n from new_rows where ended_at is null
          union all select environment_id, account_id, signal_key, -1 from old_rows where ended_at is null'
  END;
BEGIN
  EXECUTE format($q$
    with net as (
      select environment_id, account_id, signal_key, sum(n) as n from (%s) c
      group by environment_id, account_id, signal_key having sum(n) <> 0
    ),
    changed as (select distinct environment_id, account_id from net),
    now_open as (
      select o.environment_id, o.account_id, o.signal_key, count(*) as n
      from changed a join signal_occurrences o
        on o.environment_id = a.environment_id and o.account_id = a.account_id and o.ended_at is null
      group by o.environment_id, o.account_id, o.signal_key
    ),
    before_open as (
      select environment_id, account_id, signal_key from (
        select environment_id, account_id, signal_key, n from now_open
        union all select environment_id, account_id, signal_key, -n from net) x
      group by environment_id, account_id, signal_key having sum(n) > 0
    ),
    moves as (
      select environment_id, array_agg(signal_key order by signal_key) as keys, 1 as n from now_open group by environment_id, account_id
      union all
      select environment_id, array_agg(signal_key order by signal_key), -1 from before_open group by environment_id, account_id
    )
    insert into environment_open_signal_sets as t (environment_id, signal_keys, accounts)
    select environment_id, keys, sum(n)::int from moves
    where environment_id in (select id from environments)
    group by environment_id, keys having sum(n) <> 0
    order by environment_id, keys
    on conflict (environment_id, signal_keys) do update set accounts = t.accounts + excluded.accounts
  $q$, changes);
  RETURN NULL;
END
$fn$;
--> statement-breakpoint
CREATE TRIGGER "signal_occurrences_open_sets_insert" AFTER INSERT ON "signal_occurrences"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "signal_open_sets_after_change"();
--> statement-breakpoint
CREATE TRIGGER "signal_occurrences_open_sets_update" AFTER UPDATE ON "signal_occurrences"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "signal_open_sets_after_change"();
--> statement-breakpoint
CREATE TRIGGER "signal_occurrences_open_sets_delete" AFTER DELETE ON "signal_occurrences"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "signal_open_sets_after_change"();
--> statement-breakpoint
INSERT INTO "environment_open_signal_sets" ("environment_id", "signal_keys", "accounts")
SELECT environment_id, keys, count(*)::int FROM (
  SELECT environment_id, account_id, array_agg(DISTINCT signal_key ORDER BY signal_key) AS keys
  FROM "signal_occurrences" WHERE ended_at IS NULL GROUP BY environment_id, account_id
) s GROUP BY environment_id, keys;
