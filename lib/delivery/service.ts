import { type Connection, wrapConnection } from '@/lib/db/client';
import { getEnv } from '@/lib/env';
import { logError } from '@/lib/log';

import { parseAllowList } from './address-guard';
import { alertOwnersConnectionDisabled } from './owner-alert';
import { DeliveryWorker } from './worker';

/** The process's delivery worker, configured from env; the custom server starts and stops it. */
export async function startDeliveryWorker(connection: Connection): Promise<DeliveryWorker> {
  const env = getEnv();
  const db = wrapConnection(connection);
  const worker = new DeliveryWorker(db, connection, {
    allow: parseAllowList(env.DELIVERY_ALLOW_CIDRS),
    concurrency: env.DELIVERY_CONCURRENCY,
    onConnectionDisabled: (delivery, reason) => alertOwnersConnectionDisabled(db, delivery.connectionId, reason),
    onError: (error) => logError('Delivery worker', error),
  });
  await worker.start();
  return worker;
}
