import { sql } from 'drizzle-orm';

import type { Queryable } from '@/lib/db/client';

/** The LISTEN/NOTIFY channel a commit that queued deliveries notifies, waking every worker. */
export const OUTBOX_CHANNEL = 'signalboard_outbox';

/** Wakes the workers of every process once the surrounding transaction (if any) commits. */
export async function notifyOutbox(db: Queryable): Promise<void> {
  await db.execute(sql`select pg_notify(${OUTBOX_CHANNEL}, '')`);
}
