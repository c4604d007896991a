-- The open-sets trigger (0010) without the work an update of figures only made it do: an update
-- counts only the open (account, key) rows it added or removed (EXCEPT ALL of the new and old rows),
-- none when it only rewrote figures; each account's sets before and now in one grouping; work_mem
-- for its sorts and hashes.
CREATE OR REPLACE FUNCTION "signal_open_sets_after_change"() RETURNS trigger LANGUAGE plpgsql SET work_mem = '64MB' AS $fn$
DECLARE
  -- The open occurrences the statement added (+1) and removed (−1); an update that leaves a row
  -- open with the same key (new figures) changes nothing.
  changes text := CASE TG_OP
    WHEN 'INSERT' THEN 'select environment_id, account_id, signal_key, 1 as n from new_rows where ended_at is null'
    WHEN 'DELETE' THEN 'select environment_id, account_id, signal_key, -1 as n from old_rows where ended_at is null'
    ELSE '(select environment_id, account_id, signal_key, 1 as n from (
             select environment_id, account_id, signal_key from new_rows where ended_at is null
             except all select environment_id, account_id, signal_key from old_rows where ended_at is null) a)
          union all
          (select environment_id, account_id, signal_key, -1 from (
             select environment_id, account_id, signal_key from old_rows where ended_at is null
             except all select environment_id, account_id, signal_key from new_rows where ended_at is null) r)'
  END;
BEGIN
  EXECUTE format($q$
    with change as (%s),
    by_key as (
      select environment_id, account_id, signal_key, sum(now_open) as now_open, sum(now_open) - sum(added) as was_open from (
        select o.environment_id, o.account_id, o.signal_key, 1 as now_open, 0 as added from signal_occurrences o
        where o.ended_at is null and (o.environment_id, o.account_id) in (select environment_id, account_id from change)
        union all
        select environment_id, account_id, signal_key, 0, n from change) x
      group by environment_id, account_id, signal_key
    ),
    by_account as (
      select environment_id,
        array_agg(signal_key order by signal_key) filter (where now_open > 0) as now_keys,
        array_agg(signal_key order by signal_key) filter (where was_open > 0) as was_keys
      from by_key group by environment_id, account_id
    ),
    moves as (
      select environment_id, now_keys as keys, 1 as n from by_account where now_keys is not null and now_keys is distinct from was_keys
      union all
      select environment_id, was_keys, -1 from by_account where was_keys is not null and now_keys is distinct from was_keys
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
