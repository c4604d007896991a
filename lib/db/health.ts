import { sql } from 'drizzle-orm';
import { getConnection, wrapConnection } from './client';

export type DatabaseHealth =
  { status: 'up'; driver: 'pglite' | 'postgres'; latencyMs: number } | { status: 'down'; error: string };

export async function checkDatabase(): Promise<DatabaseHealth> {
  const started = performance.now();
  try {
    const connection = await getConnection();
    await wrapConnection(connection).execute(sql`select 1`);
    return { status: 'up', driver: connection.kind, latencyMs: Math.round((performance.now() - started) * 10) / 10 };
  } catch (error) {
    // Say what kind of failure without leaking connection strings.
    return { status: 'down', error: error instanceof Error ? error.name : 'unknown error' };
  }
}

/** What a health endpoint answers (the app's /api/health and INGEST_PORT's): 200 when the database is up, else 503. */
export function healthAnswer(database: DatabaseHealth): { status: 200 | 503; body: Record<string, unknown> } {
  const ok = database.status === 'up';
  return { status: ok ? 200 : 503, body: { status: ok ? 'ok' : 'degraded', app: 'up', database } };
}
