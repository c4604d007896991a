import type postgres from 'postgres';

import { loadWithoutIndexes } from './bulk-load';

// The data of bench:cohorts, generated inside Postgres with set-based SQL (no row crosses the
// wire): `users` users of one environment over 90 days and `events` events between each user's
// first and last seen.
// - first seen: uniform over the last 90 days; 0.5% of users are new today;
// - last seen: 70% of users were active in the last 3 days, the rest stopped at a uniform point
//   of their life (so about a quarter have had no traffic for 14 days);
// - activity is skewed: a user is drawn as users × r² (some users send hundreds of events, most
//   a few dozen);
// - 10 event names; api.call (25%) carries { endpoint, method, response: { status, ms } } with
//   ~3% 400s, ~1% 500s and ~1% 401s; the others carry small property objects;
// - traits { plan, email, seats }: free 45%, starter 20%, pro 20%, team 10%, enterprise 5%.
// Events are written in chunks, each sorted by timestamp, as ingestion would leave a table
// (arrival order ≈ time order), so that a window of days reads a matching share of the pages.

export const PLANS = ['free', 'starter', 'pro', 'team', 'enterprise'] as const;
export const USERS_PER_ACCOUNT = 20;
const CHUNK = 2_000_000;

const eventName = (r: string) => `case
  when ${r} < 0.30 then 'page.viewed' when ${r} < 0.55 then 'api.call' when ${r} < 0.65 then 'user.login'
  when ${r} < 0.75 then 'feature.used' when ${r} < 0.83 then 'search.performed' when ${r} < 0.88 then 'report.exported'
  when ${r} < 0.92 then 'file.uploaded' when ${r} < 0.96 then 'settings.updated' when ${r} < 0.99 then 'invite.sent'
  else 'billing.viewed' end`;

export async function generateCohortData(
  sql: postgres.Sql,
  params: { environmentId: number; users: number; events: number; now: Date },
  log: (message: string) => void,
): Promise<void> {
  const { environmentId: env, users, events } = params;
  const now = params.now.toISOString();
  const accounts = Math.max(1, Math.floor(users / USERS_PER_ACCOUNT));
  // One session: the seed, the temp table and the sort memory below belong to it.
  await sql`select setseed(0.42)`;
  await sql`set work_mem = '256MB'`;
  await sql`set maintenance_work_mem = '1GB'`;
  await sql`set synchronous_commit = off`;

  let started = performance.now();
  await sql`
    create temp table bench_people as
    select u, 'user-' || u as user_id, 'acct-' || (1 + (u - 1) % ${accounts}::int) as account_id, fs as first_seen,
      greatest(fs, case when r3 < 0.7 then ${now}::timestamptz - r4 * interval '3 days' else fs + (${now}::timestamptz - fs) * r4 end) as last_seen,
      case when r5 < 0.45 then 'free' when r5 < 0.65 then 'starter' when r5 < 0.85 then 'pro' when r5 < 0.95 then 'team' else 'enterprise' end as plan,
      1 + floor(r6 * 50)::int as seats
    from (select u, random() r1, random() r2, random() r3, random() r4, random() r5, random() r6 from generate_series(1, ${users}::int) u) x
    cross join lateral (select case
      when r1 < 0.005 then date_trunc('day', ${now}::timestamptz, 'UTC') + (${now}::timestamptz - date_trunc('day', ${now}::timestamptz, 'UTC')) * r2
      else ${now}::timestamptz - interval '1 day' - r2 * interval '89 days' end as fs) f`;
  await sql`alter table bench_people add primary key (u)`;
  await sql`analyze bench_people`;
  await loadWithoutIndexes(
    sql,
    'users',
    async () => {
      await sql`
        insert into users (environment_id, user_id, traits, first_seen_at, last_seen_at)
        select ${env}::int, user_id, jsonb_build_object('plan', plan, 'email', user_id || '@example.com', 'seats', seats), first_seen, last_seen
        from bench_people order by u`;
    },
    log,
  );
  log(`users: ${users.toLocaleString('en')} rows in ${seconds(started)} s`);

  started = performance.now();
  await loadWithoutIndexes(
    sql,
    'events',
    async () => {
      for (let lo = 1; lo <= events; lo += CHUNK) {
        const hi = Math.min(events, lo + CHUNK - 1);
        const t = performance.now();
        await sql`
          insert into events (environment_id, account_id, message_id, name, user_id, anonymous_id, timestamp, received_at, properties)
          select ${env}::int, p.account_id, 'msg-' || g.j, n.name, p.user_id, null, ts.at, ts.at + g.r_lag * interval '2 seconds',
            case n.name
              when 'api.call' then jsonb_build_object(
                'endpoint', (array['/v1/items', '/v1/orders', '/v1/search', '/v1/users', '/v1/reports'])[1 + floor(g.r_p * 5)::int],
                'method', case when g.r_p < 0.7 then 'GET' else 'POST' end,
                'response', jsonb_build_object(
                  'status', case when g.r_s < 0.03 then 400 when g.r_s < 0.04 then 500 when g.r_s < 0.05 then 401 else 200 end,
                  'ms', 5 + floor(g.r_p * 400)::int))
              when 'page.viewed' then jsonb_build_object('path', (array['/', '/dashboard', '/settings', '/reports', '/billing'])[1 + floor(g.r_p * 5)::int])
              when 'feature.used' then jsonb_build_object('feature', (array['export', 'share', 'filter', 'alerts'])[1 + floor(g.r_p * 4)::int])
              when 'search.performed' then jsonb_build_object('results', floor(g.r_p * 100)::int)
              else '{}'::jsonb end
          from (select j, 1 + floor(${users}::int * power(random(), 2))::int as u, random() r_t, random() r_n, random() r_s, random() r_p, random() r_lag
                from generate_series(${lo}::bigint, ${hi}::bigint) j) g
          join bench_people p on p.u = g.u
          cross join lateral (select p.first_seen + (p.last_seen - p.first_seen) * g.r_t as at) ts
          cross join lateral (select ${sql.unsafe(eventName('g.r_n'))} as name) n
          order by ts.at`;
        log(
          `events: ${hi.toLocaleString('en')} of ${events.toLocaleString('en')} (${Math.round(((hi - lo + 1) / (performance.now() - t)) * 1000).toLocaleString('en')} rows/s)`,
        );
      }
    },
    log,
  );
  log(`events: ${events.toLocaleString('en')} rows with their indexes in ${seconds(started)} s`);
  await sql`drop table bench_people`;
}

const seconds = (started: number) => ((performance.now() - started) / 1000).toFixed(1);
