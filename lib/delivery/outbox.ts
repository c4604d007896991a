import { sql } from 'drizzle-orm';

import type { Queryable } from '@/lib/db/client';
import { queryRows } from '@/lib/db/rows';
import { textArray } from '@/lib/db/text-array';
import type { EventWriteContext, WriteFragment } from '@/lib/db/write-fragments';

import { notifyOutbox, OUTBOX_CHANNEL } from './outbox-channel';
import { type DeliveryPayload, payloadSql } from './payload';

/** A delivery's webhook-id: made once when it is queued, kept across its retries. */
export const NEW_MESSAGE_ID = sql`'msg_' || replace(gen_random_uuid()::text, '-', '')`;

/**
 * The outbox rows of an events write: a delivery for every enabled connection subscribed to a new
 * event, committed with the event itself, and the delivery workers (in every process) woken when
 * the write commits.
 */
export const queueForSubscribers = ({ env, fresh }: EventWriteContext): WriteFragment => ({
  ctes: [
    // The environment's enabled connections, read once: joined as a table, the planner probed
    // them with an index scan per new event, even with no connection at all.
    {
      name: 'subscribed',
      materialized: true,
      body: sql`select id, event_keys from connections where environment_id = ${env} and enabled`,
    },
    {
      name: 'outbox',
      body: sql`insert into deliveries (environment_id, connection_id, message_id, event_key, payload)
      select ${env}, c.id, ${NEW_MESSAGE_ID}, f.n, ${payloadSql({
        eventKey: sql`f.n`,
        timestamp: sql`f.t`,
        environment: sql`(select slug from environments where id = ${env})`,
        tenantId: sql`nullif(f.a, '')`,
        userId: sql`f.u`,
        messageId: sql`f.m`,
        data: sql`coalesce(f.p, '{}'::jsonb)`,
      })}
      from subscribed c join ${fresh} f on f.n = any(c.event_keys)
      returning 1`,
    },
    {
      name: 'wake',
      body: sql`select pg_notify('${sql.raw(OUTBOX_CHANNEL)}', '') from (select 1 from outbox limit 1) queued`,
    },
  ],
  // A plain select among the parts runs only if the statement reads it.
  outputs: { woke: sql`(select count(*)::int from wake)` },
});

/**
 * Queues one delivery of `payload` for each of the given connections that is enabled, in the
 * caller's transaction (outbox first: durable before anything is sent). Returns how many.
 * Events reach subscribed connections through queueForSubscribers; this is for producers that address
 * connections directly, such as a cohort's attached notifications.
 */
export async function enqueueDeliveries(
  db: Queryable,
  params: { environmentId: number; connectionIds: string[]; payload: DeliveryPayload },
): Promise<number> {
  if (params.connectionIds.length === 0) return 0;
  const [row] = await queryRows<{ queued: number }>(
    db,
    sql`
    with queued as (
      insert into deliveries (environment_id, connection_id, message_id, event_key, payload)
      select ${params.environmentId}, c.id, ${NEW_MESSAGE_ID}, ${params.payload.eventKey}, ${JSON.stringify(params.payload)}::jsonb
      from connections c
      where c.environment_id = ${params.environmentId} and c.enabled
        and c.id = any(${textArray(params.connectionIds)}::uuid[])
      returning 1
    )
    select count(*)::int as queued from queued`,
  );
  const queued = row?.queued ?? 0;
  if (queued > 0) await notifyOutbox(db);
  return queued;
}
