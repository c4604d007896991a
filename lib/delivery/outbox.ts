import { sql } from 'drizzle-orm';
import type { Queryable } from '@/lib/db/client';
import { queryRows } from '@/lib/db/rows';
import { textArray } from '@/lib/db/text-array';
import { notifyOutbox } from './outbox-channel';
import type { DeliveryPayload } from './payload';

/**
 * Queues one delivery of `payload` for each of the given connections that is enabled, in the
 * caller's transaction (outbox first: durable before anything is sent). Returns how many.
 * Events reach subscribed connections through writeEvents; this is for producers that address
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
      select ${params.environmentId}, c.id, 'msg_' || replace(gen_random_uuid()::text, '-', ''), ${params.payload.eventKey}, ${JSON.stringify(params.payload)}::jsonb
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
