import { checkDatabase, healthAnswer } from '@/lib/db/health';

export const dynamic = 'force-dynamic';

/** Public liveness and readiness: the app answers, and the database runs a query. */
export async function GET(): Promise<Response> {
  const { status, body } = healthAnswer(await checkDatabase());
  return Response.json(body, { status });
}
