import { sql } from 'drizzle-orm';

import type { Queryable } from '@/lib/db/client';
import { queryRows } from '@/lib/db/rows';

import type { ConnectionKind } from './connections/stored';
import type { DeliveryPayload } from './payload';

// Workers claim due deliveries with FOR UPDATE SKIP LOCKED and, in the same statement, count the
// attempt and push next_attempt_at out by a lease. The send happens after the claim commits; the
// lease (longer than the 15 s send timeout) stops any other worker from taking the same attempt,
// and a worker that dies mid-send leaves the row to be claimed again when the lease runs out.

export const LEASE_SECONDS = 60;

export type ClaimedDelivery = {
  id: string;
  environmentId: number;
  connectionId: string;
  messageId: string;
  eventKey: string;
  payload: DeliveryPayload;
  attempts: number;
  isTest: boolean;
  kind: ConnectionKind;
  config: Record<string, unknown>;
  secretsEncrypted: string | null;
};

type Row = {
  id: string;
  environment_id: number;
  connection_id: string;
  message_id: string;
  event_key: string;
  payload: DeliveryPayload;
  attempts: number;
  is_test: boolean;
  kind: ConnectionKind;
  config: Record<string, unknown>;
  secrets_encrypted: string | null;
};

const toClaimed = (r: Row): ClaimedDelivery => ({
  id: r.id,
  environmentId: r.environment_id,
  connectionId: r.connection_id,
  messageId: r.message_id,
  eventKey: r.event_key,
  payload: r.payload,
  attempts: r.attempts,
  isTest: r.is_test,
  kind: r.kind,
  config: r.config,
  secretsEncrypted: r.secrets_encrypted,
});

const claimedColumns = sql`claimed.id, claimed.environment_id, claimed.connection_id, claimed.message_id, claimed.event_key,
  claimed.payload, claimed.attempts, claimed.is_test, c.kind, c.config, c.secrets_encrypted`;

/** The end of both claims: count the attempt of every row in `due`, lease it, return it with its connection. */
const claimRest = (leaseSeconds: number) => sql`
    claimed as (
      update deliveries d set attempts = d.attempts + 1, next_attempt_at = now() + make_interval(secs => ${leaseSeconds}),
        last_attempt_at = now(), updated_at = now()
      from due where d.id = due.id
      returning d.*
    )
    select ${claimedColumns} from claimed join connections c on c.id = claimed.connection_id`;

/** Up to `limit` due webhook and email deliveries of enabled connections, oldest due first. */
export async function claimDue(db: Queryable, limit: number, leaseSeconds = LEASE_SECONDS): Promise<ClaimedDelivery[]> {
  if (limit <= 0) return [];
  const rows = await queryRows<Row>(
    db,
    sql`
    with due as (
      select d.id from deliveries d
      join connections c on c.id = d.connection_id and c.enabled and c.kind <> 'slack'
      where d.status = 'pending' and d.next_attempt_at <= now()
      order by d.next_attempt_at
      limit ${limit}
      for update of d skip locked
    ),
    ${claimRest(leaseSeconds)}`,
  );
  return rows.map(toClaimed);
}

/**
 * Slack deliveries, paced: at most one claim per connection per second across every worker. The
 * connection's paced_until is moved in the same statement, so a second worker skips it.
 */
export async function claimDueSlack(db: Queryable, leaseSeconds = LEASE_SECONDS): Promise<ClaimedDelivery[]> {
  const rows = await queryRows<Row>(
    db,
    sql`
    with paced as (
      update connections c set paced_until = now() + interval '1 second'
      where c.kind = 'slack' and c.enabled and (c.paced_until is null or c.paced_until <= now())
        and exists (select 1 from deliveries d where d.connection_id = c.id and d.status = 'pending' and d.next_attempt_at <= now())
      returning c.id
    ),
    due as (
      select next_one.id from paced cross join lateral (
        select d.id from deliveries d
        where d.connection_id = paced.id and d.status = 'pending' and d.next_attempt_at <= now()
        order by d.next_attempt_at limit 1
        for update skip locked
      ) next_one
    ),
    ${claimRest(leaseSeconds)}`,
  );
  return rows.map(toClaimed);
}
