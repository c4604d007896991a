import { checkDatabase } from '@/lib/db/health';

export const dynamic = 'force-dynamic';

/** Public liveness and readiness: the app answers, and the database runs a query. */
export async function GET(): Promise<Response> {
  const database = await checkDatabase();
  const ok = database.status === 'up';
  return Response.json({ status: ok ? 'ok' : 'degraded', app: 'up', database }, { status: ok ? 200 : 503 });
}
