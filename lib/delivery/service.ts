import { type Connection, wrapConnection } from '@/lib/db/client';
import { getEnv } from '@/lib/env';
import { parseAllowList } from './address-guard';
import { alertOwnersConnectionDisabled } from './owner-alert';
import { DeliveryWorker } from './worker';

// The process's delivery worker, on globalThis like the database: the custom server starts it,
// route handlers (Next's copy of this module) wake it after a redelivery.

const globalKey = Symbol.for('signalboard.deliveryWorker');
type GlobalWithWorker = typeof globalThis & { [globalKey]?: DeliveryWorker };

export async function startDeliveryWorker(connection: Connection): Promise<DeliveryWorker> {
  const env = getEnv();
  const db = wrapConnection(connection);
  const worker = new DeliveryWorker(db, connection, {
    allow: parseAllowList(env.DELIVERY_ALLOW_CIDRS),
    concurrency: env.DELIVERY_CONCURRENCY,
    onConnectionDisabled: (delivery, reason) => alertOwnersConnectionDisabled(db, delivery.connectionId, reason),
    onError: (error) => console.error('Delivery worker:', error),
  });
  await worker.start();
  (globalThis as GlobalWithWorker)[globalKey] = worker;
  return worker;
}

/** Nudges this process's worker to look for due deliveries now (no-op where none runs). */
export function wakeDeliveryWorker(): void {
  (globalThis as GlobalWithWorker)[globalKey]?.wake();
}
