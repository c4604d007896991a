import { sql } from 'drizzle-orm';

import type { EventWriteContext, WriteFragment } from '@/lib/db/write-fragments';

/**
 * The events themselves: the environment locked, this write's rows (the `rows` placeholder, JSON),
 * each message id claimed once per environment, and the events whose claim was new stored. Every
 * other part of the write reads `fresh`, so a message id already stored is counted nowhere.
 */
export const storeEvents = ({ env }: Pick<EventWriteContext, 'env'>): WriteFragment => ({
  ctes: [
    // Events have no foreign key to their environment (one check per row): the environment is
    // locked here once instead, so it cannot be deleted before this commits, and if it already
    // was, nothing is written (every insert reads `input` or checks `environment`).
    { name: 'environment', body: sql`select id from environments where id = ${env} for key share` },
    {
      name: 'input',
      body: sql`select * from jsonb_to_recordset(${sql.placeholder('rows')}::jsonb)
        as x(a text, m text, n text, u text, an text, t timestamptz, d date, p jsonb)
      where exists (select 1 from environment)`,
    },
    // A message id is claimed once per environment, whatever account this try resolved it to
    // (schema: event_message_ids), so the events need no conflict check of their own: every
    // stored event has its claim.
    {
      name: 'claimed',
      body: sql`insert into event_message_ids (environment_id, message_id)
      select ${env}, m from input order by m
      on conflict do nothing
      returning message_id`,
    },
    { name: 'fresh', body: sql`select * from input where m in (select message_id from claimed)` },
    {
      name: 'inserted',
      body: sql`insert into events (environment_id, account_id, message_id, name, user_id, anonymous_id, "timestamp", properties)
      select ${env}, a, m, n, u, an, t, coalesce(p, '{}'::jsonb) from fresh`,
    },
  ],
});

/** The event catalog (event_types, read by lib/events/queries.ts): each name's total and first and last seen. */
export const countInCatalog = ({ env, fresh }: EventWriteContext): WriteFragment => ({
  ctes: [
    {
      name: 'catalog',
      body: sql`insert into event_types (environment_id, name, total, first_seen_at, last_seen_at)
      select ${env}, n, count(*), min(t), max(t) from ${fresh} group by n order by n
      on conflict (environment_id, name) do update set
        total = event_types.total + excluded.total,
        first_seen_at = least(event_types.first_seen_at, excluded.first_seen_at),
        last_seen_at = greatest(event_types.last_seen_at, excluded.last_seen_at)`,
    },
  ],
});
