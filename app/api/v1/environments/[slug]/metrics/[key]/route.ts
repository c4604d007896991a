import { getDb } from '@/lib/db/client';
import { getEnvironmentBySlug } from '@/lib/environments/queries';
import { NotFoundError } from '@/lib/errors';
import { managementRoute } from '@/lib/http/management-route';
import { parseJsonBody } from '@/lib/http/parse-body';
import { defaultMetrics } from '@/lib/signals/definitions';
import { updateMetric, updateMetricInput } from '@/lib/signals/metrics';

type Params = { slug: string; key: string };

/** Which event keys make a metric in this environment ("x*" matches by prefix). */
export const PUT = managementRoute<Params>('admin', async ({ request, params }) => {
  const metric = defaultMetrics.find((m) => m.key === params.key);
  if (!metric) throw new NotFoundError(`Metric "${params.key}"`);
  const input = await parseJsonBody(request, updateMetricInput);
  const db = await getDb();
  const environment = await getEnvironmentBySlug(db, params.slug);
  await updateMetric(db, environment.id, metric.key, input);
  return Response.json({ ok: true });
});
