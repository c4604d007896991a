import { sql } from 'drizzle-orm';

import type { Queryable } from '@/lib/db/client';
import { deliveries } from '@/lib/db/schema';

import type { AllowList } from './address-guard';
import type { ClaimedDelivery } from './claims';
import { getStoredConnection } from './connections/queries';
import type { ConnectionConfig } from './connections/stored';
import { NEW_MESSAGE_ID } from './outbox';
import type { DeliveryPayload } from './payload';
import { recordAttempt } from './record-attempt';
import { attemptDelivery } from './send-delivery';

export type TestSendResult = {
  deliveryId: string;
  request: { url: string; headers: Record<string, string>; body: string } | null;
  outcome:
    | { ok: true; status: number; headers: Record<string, string>; body: string; latencyMs: number }
    | { ok: false; error: string; message: string; latencyMs: number };
  status: 'succeeded' | 'failed';
};

/**
 * Sends an example payload to a connection now and reports what the receiver answered. The send
 * is logged like any delivery (marked as a test) so it can be sent again from the log, but it is
 * never retried on its own and never counts against the connection.
 */
export async function testSend(
  db: Queryable,
  params: { environmentId: number; connectionId: string; payload: DeliveryPayload; allow: AllowList },
): Promise<TestSendResult> {
  const connection = await getStoredConnection(db, params.environmentId, params.connectionId);
  const [row] = await db
    .insert(deliveries)
    .values({
      environmentId: params.environmentId,
      connectionId: connection.id,
      messageId: NEW_MESSAGE_ID,
      eventKey: params.payload.eventKey,
      payload: params.payload,
      status: 'pending',
      attempts: 1,
      nextAttemptAt: null,
      lastAttemptAt: sql`now()`,
      isTest: true,
    })
    .returning();
  if (!row) throw new Error('insert into deliveries returned no row');
  const claimed: ClaimedDelivery = {
    id: row.id,
    environmentId: row.environmentId,
    connectionId: connection.id,
    messageId: row.messageId,
    eventKey: row.eventKey,
    payload: params.payload,
    attempts: 1,
    isTest: true,
    kind: connection.kind,
    config: connection.config as ConnectionConfig,
    secretsEncrypted: connection.secretsEncrypted,
  };
  let request: TestSendResult['request'] = null;
  const { outcome, verdict } = await attemptDelivery(claimed, {
    allow: params.allow,
    onRequest: (sent) => {
      request = { ...sent, headers: maskExtraHeaders(sent.headers, (connection.config as ConnectionConfig).headerNames ?? []) };
    },
  });
  const status = verdict.kind === 'succeeded' ? 'succeeded' : 'failed';
  await recordAttempt(db, claimed, outcome, { kind: status });
  return { deliveryId: row.id, request, outcome, status };
}

/** Extra header values are secrets: the panel shows that they were sent, not what they hold. */
function maskExtraHeaders(headers: Record<string, string>, secretNames: string[]): Record<string, string> {
  const secret = new Set(secretNames.map((n) => n.toLowerCase()));
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, secret.has(k.toLowerCase()) ? '••••••' : v]));
}
