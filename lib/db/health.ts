import { sql } from 'drizzle-orm';

import { type Connection, getConnection, wrapConnection } from './client';

export type DatabaseHealth =
  { status: 'up'; driver: 'pglite' | 'postgres'; latencyMs: number } | { status: 'down'; error: string };

/** A health check answers within this, database or not: load balancers and probes give up at 2–3 s. */
export const HEALTH_TIMEOUT_MS = 1_500;

export async function checkDatabase(
  options: { connection?: () => Promise<Connection>; timeoutMs?: number } = {},
): Promise<DatabaseHealth> {
  const timeoutMs = options.timeoutMs ?? HEALTH_TIMEOUT_MS;
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<DatabaseHealth>((resolve) => {
    timer = setTimeout(() => resolve({ status: 'down', error: `no answer within ${timeoutMs} ms` }), timeoutMs);
  });
  const probe = (async (): Promise<DatabaseHealth> => {
    const connection = await (options.connection ?? getConnection)();
    await wrapConnection(connection).execute(sql`select 1`);
    return { status: 'up', driver: connection.kind, latencyMs: Math.round((performance.now() - started) * 10) / 10 };
  })().catch((error: unknown): DatabaseHealth => {
    // Say what kind of failure without leaking connection strings.
    const code = (error as { code?: unknown } | null)?.code;
    return { status: 'down', error: typeof code === 'string' ? code : error instanceof Error ? error.name : 'unknown error' };
  });
  try {
    return await Promise.race([probe, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** What a health endpoint answers (the app's /api/health and INGEST_PORT's): 200 when the database is up, else 503. */
export function healthAnswer(database: DatabaseHealth): { status: 200 | 503; body: Record<string, unknown> } {
  const ok = database.status === 'up';
  return { status: ok ? 200 : 503, body: { status: ok ? 'ok' : 'degraded', app: 'up', database } };
}
