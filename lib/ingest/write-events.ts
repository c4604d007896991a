import { type SQL, sql } from 'drizzle-orm';
import type { Queryable } from '@/lib/db/client';
import { queryRows } from '@/lib/db/rows';
import { dayIn } from './day-bucket';
import { OUTBOX_CHANNEL } from '@/lib/delivery/outbox-channel';
import type { IngestEvent } from './ingest-event';
import { type SeenCache, type SeenRows, SEEN_TOLERANCE_MS } from './seen-cache';
import { isActivityEvent, isProductEvent } from '@/lib/events/product-events';
import { accountActivityFrom, activeDayChanges, matchesAnyKey, mergeAccountActivity } from '@/lib/signals/dashboard-summaries';
import { firstUnmarkedDay } from '@/lib/signals/day-close';
import { textArray } from '@/lib/db/text-array';

export type TargetEnvironment = { id: number; timeZone: string };

/** The environment was deleted before the write could lock it: the write statement wrote nothing. */
export class EnvironmentGoneError extends Error {
  constructor(readonly environmentId: number) {
    super(`Environment ${environmentId} no longer exists; nothing was written.`);
    this.name = 'EnvironmentGoneError';
  }
}

/** When a user, account or membership was seen in this write, and the traits it brought (if any). */
type Seen = { first: Date; last: Date; traits?: Record<string, unknown> };
const widen = (seen: Seen, at: Date) => {
  if (at < seen.first) seen.first = at;
  if (at > seen.last) seen.last = at;
};
const see = (map: Map<string, Seen>, id: string, at: Date, traits: Record<string, unknown> | undefined) => {
  const seen = map.get(id);
  if (!seen) map.set(id, { first: at, last: at, traits: traits && Object.keys(traits).length > 0 ? { ...traits } : undefined });
  else {
    widen(seen, at);
    if (traits && Object.keys(traits).length > 0) seen.traits = { ...seen.traits, ...traits };
  }
};

/** Accounts of users who named none, from their latest group call: in this write, else stored. */
async function resolveAccounts(
  db: Queryable,
  environmentId: number,
  events: IngestEvent[],
  beforeLookup?: () => Promise<void>,
): Promise<Map<string, string>> {
  const byUser = new Map<string, string>();
  for (const e of events) if (e.name === 'group' && e.userId && e.accountId) byUser.set(e.userId, e.accountId);
  const unknown = [
    ...new Set(events.filter((e) => e.accountId === null && e.userId && !byUser.has(e.userId)).map((e) => e.userId as string)),
  ];
  if (unknown.length > 0) {
    await beforeLookup?.();
    const rows = await queryRows<{ user_id: string; account_id: string }>(
      db,
      sql`select distinct on (user_id) user_id, account_id from account_memberships
          where environment_id = ${environmentId} and user_id = any(${textArray(unknown)})
          order by user_id, last_seen_at desc`,
    );
    for (const row of rows) byUser.set(row.user_id, row.account_id);
  }
  return byUser;
}

const env = sql.placeholder('env');

// Last seen is kept to the minute. A user, account or membership row whose last seen is less than
// SEEN_TOLERANCE_MS (30 s) older than this write's (the same day in the environment's time zone,
// so "seen today" stays exact), and whose first seen and traits this write does not change, is
// left alone: rewriting it (a new row version, new entries in the last-seen indexes) was half of a
// flush's time in the database, and an active user sends several events a minute. The ingest path
// also skips, in Node, rows it sent less than another 30 s before (SeenCache).
const tz = sql`${sql.placeholder('timeZone')}::text`;
// Looked up row by row through the primary key (a scalar subquery; as a "not exists" the planner
// hashed the whole table for a few hundred rows).
const unchanged = (r: SQL, traits: boolean) => sql`${r}.first_seen_at <= x.first
  and ${r}.last_seen_at >= x.last - ${sql.raw(`interval '${SEEN_TOLERANCE_MS / 1000} seconds'`)}
  and (${r}.last_seen_at at time zone ${tz})::date = (x.last at time zone ${tz})::date
  ${traits ? sql`and ${r}.traits || x.traits = ${r}.traits` : sql``}`;

/**
 * The write, built once with placeholders for what varies (env, timeZone, lateBefore and the rows
 * as JSON): building and rendering this statement per flush cost more Node time than the flush's
 * own row handling. It runs as a prepared statement (parsing and planning it took ~4 ms of a
 * 12 ms flush of a few events).
 */
const WRITE_EVENTS = sql`
    with
    -- Events have no foreign key to their environment (one check per row): the environment is
    -- locked here once instead, so it cannot be deleted before this commits, and if it already
    -- was, nothing is written (every insert below reads input or checks it).
    environment as (
      select id from environments where id = ${env} for key share
    ),
    input as (
      select * from jsonb_to_recordset(${sql.placeholder('rows')}::jsonb)
        as x(a text, m text, n text, u text, an text, t timestamptz, d date, p jsonb)
      where exists (select 1 from environment)
    ),
    -- A message id is claimed once per environment, whatever account this try resolved it to:
    -- only the rows whose id was new here are stored, counted and delivered (schema:
    -- event_message_ids). So the events themselves need no conflict check: every event has its
    -- claim (their "on conflict do nothing" was a second look into an index per event, ~5% of a
    -- flush of batches).
    claimed as (
      insert into event_message_ids (environment_id, message_id)
      select ${env}, m from input order by m
      on conflict do nothing
      returning message_id
    ),
    fresh as (
      select * from input where m in (select message_id from claimed)
    ),
    inserted as (
      insert into events (environment_id, account_id, message_id, name, user_id, anonymous_id, "timestamp", properties)
      select ${env}, a, m, n, u, an, t, coalesce(p, '{}'::jsonb) from fresh
    ),
    rollups as (
      insert into daily_rollups (environment_id, account_id, event_name, day, count)
      select ${env}, a, n, d, count(*) from fresh group by a, n, d order by a, n, d
      on conflict (environment_id, account_id, event_name, day)
        do update set count = daily_rollups.count + excluded.count
      returning account_id, day, (xmax = 0) as created
    ),
    -- Late events: rollups of a day already over (or nearly) changed, so the signals job must
    -- recompute those accounts' window totals (lib/signals/account-totals.ts). One mark an account,
    -- widened to the days this write touched.
    late as (
      insert into late_rollup_accounts as t (environment_id, account_id, first_day, last_day)
      select ${env}, a, min(d), max(d) from fresh where a <> '' and d < ${sql.placeholder('lateBefore')}::date group by a order by a
      on conflict (environment_id, account_id) do update
        set first_day = least(t.first_day, excluded.first_day), last_day = greatest(t.last_day, excluded.last_day)
    ),
    -- The environment-wide dashboard's summaries: daily totals over all accounts, and each
    -- account's active days and invites (lib/signals/dashboard-summaries.ts).
    day_totals as (
      insert into environment_daily_totals (environment_id, day, event_name, count)
      select ${env}, d, n, count(*) from fresh group by d, n order by d, n
      on conflict (environment_id, day, event_name) do update set count = environment_daily_totals.count + excluded.count
    ),
    -- Each name is matched against the invite keys once, not each event.
    invite_names as (
      select f.n from (select distinct n from fresh) f join dashboard_summary_state s on s.environment_id = ${env}
      where ${matchesAnyKey(sql`f.n`, sql`s.invite_keys`)}
    ),
    -- Only what can change an account's activity: a day it had no rollup row for yet (so possibly a
    -- new active day) or invites. Most flushes touch accounts already active that day, and skipping
    -- them keeps this upsert off the hot path (it cost ~27% of a flush when done for every account).
    -- A flush with neither (the usual one) does not even read its events here: the first line is
    -- checked once (lab, flushes of 500: 23.0 → 21.8 µs of database CPU an event).
    account_days as (
      select f.a, f.d, count(i.n) as inv from fresh f left join invite_names i on i.n = f.n
      where (exists (select 1 from rollups where created) or exists (select 1 from invite_names))
        and f.a <> '' and ${isActivityEvent(sql`f.n`)} group by f.a, f.d
      having count(i.n) > 0 or exists (select 1 from rollups r where r.account_id = f.a and r.day = f.d and r.created)
    ),
    activity as (
      insert into account_activity as t (environment_id, account_id, first_day, active, added_days, invite_days, invite_totals)
      select ${env}, a, first_day, active, active, invite_days, invite_totals from (${accountActivityFrom(sql`account_days`)}) s order by a
      ${mergeAccountActivity}
      returning account_id, first_day, active, added_days
    ),
    -- Accounts per active day by gap: only the rows above whose active days grew (usually by one).
    active_days as (
      insert into environment_active_days as t (environment_id, day, days_since_previous, accounts)
      select ${env}, day, since, sum(delta)::int from (${activeDayChanges(sql`activity`)}) c group by day, since order by day, since
      on conflict (environment_id, day, days_since_previous) do update set accounts = t.accounts + excluded.accounts
    ),
    catalog as (
      insert into event_types (environment_id, name, total, first_seen_at, last_seen_at)
      select ${env}, n, count(*), min(t), max(t) from fresh group by n order by n
      on conflict (environment_id, name) do update set
        total = event_types.total + excluded.total,
        first_seen_at = least(event_types.first_seen_at, excluded.first_seen_at),
        last_seen_at = greatest(event_types.last_seen_at, excluded.last_seen_at)
    ),
    users_up as (
      insert into users (environment_id, user_id, traits, first_seen_at, last_seen_at)
      select ${env}, id, traits, first, last
      from jsonb_to_recordset(${sql.placeholder('users')}::jsonb)
        as x(id text, traits jsonb, first timestamptz, last timestamptz)
      where not coalesce((select ${unchanged(sql`r`, true)} from users r where r.environment_id = ${env} and r.user_id = x.id), false)
        and exists (select 1 from environment)
      order by id
      on conflict (environment_id, user_id) do update set
        traits = users.traits || excluded.traits,
        first_seen_at = least(users.first_seen_at, excluded.first_seen_at),
        last_seen_at = greatest(users.last_seen_at, excluded.last_seen_at)
    ),
    accounts_up as (
      insert into accounts (environment_id, account_id, traits, first_seen_at, last_seen_at)
      select ${env}, id, traits, first, last
      from jsonb_to_recordset(${sql.placeholder('accounts')}::jsonb)
        as x(id text, traits jsonb, first timestamptz, last timestamptz)
      where not coalesce((select ${unchanged(sql`r`, true)} from accounts r where r.environment_id = ${env} and r.account_id = x.id), false)
        and exists (select 1 from environment)
      order by id
      on conflict (environment_id, account_id) do update set
        traits = accounts.traits || excluded.traits,
        first_seen_at = least(accounts.first_seen_at, excluded.first_seen_at),
        last_seen_at = greatest(accounts.last_seen_at, excluded.last_seen_at)
    ),
    members_up as (
      insert into account_memberships (environment_id, account_id, user_id, first_seen_at, last_seen_at)
      select ${env}, a, u, first, last
      from jsonb_to_recordset(${sql.placeholder('members')}::jsonb)
        as x(a text, u text, first timestamptz, last timestamptz)
      where not coalesce((select ${unchanged(sql`r`, false)} from account_memberships r
        where r.environment_id = ${env} and r.account_id = x.a and r.user_id = x.u), false)
        and exists (select 1 from environment)
      order by a, u
      on conflict (environment_id, account_id, user_id) do update set
        first_seen_at = least(account_memberships.first_seen_at, excluded.first_seen_at),
        last_seen_at = greatest(account_memberships.last_seen_at, excluded.last_seen_at)
    ),
    -- The environment's enabled connections, read once: joined as a table, the planner probed
    -- them with an index scan per fresh event (~3.5 µs an event with no connection at all).
    subscribed as materialized (
      select id, event_keys from connections where environment_id = ${env} and enabled
    ),
    -- The outbox: a delivery for every enabled connection subscribed to a fresh event, committed
    -- with the event itself. The webhook-id (message_id) is made here once and kept across retries.
    outbox as (
      insert into deliveries (environment_id, connection_id, message_id, event_key, payload)
      select ${env}, c.id, 'msg_' || replace(gen_random_uuid()::text, '-', ''), f.n,
        jsonb_build_object(
          'type', f.n,
          'timestamp', f.t,
          'environment', (select slug from environments where id = ${env}),
          'eventKey', f.n,
          'eventContext', jsonb_build_object('tenantId', nullif(f.a, ''), 'userId', f.u),
          'messageId', f.m,
          'data', coalesce(f.p, '{}'::jsonb))
      from subscribed c join fresh f on f.n = any(c.event_keys)
      returning 1
    ),
    -- Wakes delivery workers (in every process) when this transaction commits.
    wake as (
      select pg_notify('${sql.raw(OUTBOX_CHANNEL)}', '') from (select 1 from outbox limit 1) queued
    )
    select (select count(*)::int from environment) as present, (select count(*)::int from fresh) as inserted,
      (select count(*)::int from wake) as woke`;

/**
 * Writes one environment's events in a single statement: the events (a message id already stored
 * in the environment is skipped, under whatever account it was stored), then — counting only the rows that were new — the daily rollups and the event
 * catalog, the marks of late events for the signals' account totals, the dashboard's summaries, the users, accounts and
 * memberships with their traits and first/last seen, and the outbox rows for the connections
 * subscribed to those events.
 * Everything is batched; nothing is one statement per event. The write is one statement, atomic
 * on its own (a read of memberships may precede it); inside a transaction it is part of that one.
 * With `seen` (only where the statement commits on its own), rows this process wrote moments ago
 * are not sent again (see SeenCache). `beforeAccountLookup` runs before stored group calls are
 * read, if they are. Returns how many events were new; throws EnvironmentGoneError if the
 * environment was deleted first.
 */
export async function writeEvents(
  db: Queryable,
  environment: TargetEnvironment,
  events: IngestEvent[],
  options: { seen?: SeenCache; beforeAccountLookup?: () => Promise<void> } = {},
): Promise<number> {
  if (events.length === 0) return 0;
  const ordered = [...events].sort((a, b) => a.timestamp.getTime() - b.timestamp.getTime());
  const groupOf = await resolveAccounts(db, environment.id, ordered, options.beforeAccountLookup);

  const rows: unknown[] = [];
  const written = new Set<string>();
  const users = new Map<string, Seen>();
  const accounts = new Map<string, Seen>();
  const members = new Map<string, Seen & { a: string; u: string }>();
  for (const e of ordered) {
    const accountId = e.accountId ?? (e.userId ? groupOf.get(e.userId) : undefined) ?? '';
    // A message repeated within one write is written (and counted) once, whatever its account.
    if (written.has(e.messageId)) continue;
    written.add(e.messageId);
    const at = e.timestamp;
    rows.push({
      a: accountId,
      m: e.messageId,
      n: e.name,
      u: e.userId,
      an: e.anonymousId,
      t: at.toISOString(),
      d: dayIn(environment.timeZone, at),
      p: e.properties,
    });
    // Later identify and group calls win, trait by trait (events are in time order).
    if (e.userId) see(users, e.userId, at, e.userTraits);
    // The product's own events (a signal's trigger) do not make an account seen.
    if (accountId && !isProductEvent(e.name)) see(accounts, accountId, at, e.accountTraits);
    if (accountId && e.userId) {
      const pair = `${accountId}\u0000${e.userId}`;
      const member = members.get(pair);
      if (member) widen(member, at);
      else members.set(pair, { first: at, last: at, a: accountId, u: e.userId });
    }
  }
  const { seen } = options;
  const seenOf = seen
    ? { user: seen.of(environment, 'user'), account: seen.of(environment, 'account'), member: seen.of(environment, 'member') }
    : null;
  if (seenOf) {
    const skip = (rowsSeen: SeenRows, map: Map<string, Seen>) => {
      for (const [id, v] of map) if (!v.traits && rowsSeen.covers(id, v.first, v.last)) map.delete(id);
    };
    skip(seenOf.user, users);
    skip(seenOf.account, accounts);
    skip(seenOf.member, members);
  }
  const seenRows = <T extends Seen>(map: Map<string, T>, id: (key: string, value: T) => Record<string, unknown>) =>
    JSON.stringify([...map].map(([key, v]) => ({ ...id(key, v), first: v.first.toISOString(), last: v.last.toISOString() })));

  // Writes to a day about to be over are marked too (lib/signals/day-close.ts says why).
  const lateBefore = firstUnmarkedDay(environment.timeZone, new Date());
  const [result] = await queryRows<{ present: number; inserted: number }>(db, WRITE_EVENTS, {
    prepared: 'write_events',
    values: {
      env: environment.id,
      timeZone: environment.timeZone,
      lateBefore,
      rows: JSON.stringify(rows),
      users: seenRows(users, (id, v) => ({ id, traits: v.traits ?? {} })),
      accounts: seenRows(accounts, (id, v) => ({ id, traits: v.traits ?? {} })),
      members: seenRows(members, (_key, v) => ({ a: v.a, u: v.u })),
    },
  });
  if (!result?.present) throw new EnvironmentGoneError(environment.id);
  if (seenOf) {
    const remember = (rowsSeen: SeenRows, map: Map<string, Seen>) => {
      for (const [id, v] of map) rowsSeen.remember(id, v.first, v.last);
    };
    remember(seenOf.user, users);
    remember(seenOf.account, accounts);
    remember(seenOf.member, members);
  }
  return result.inserted;
}
