import { NotFoundError } from '@/lib/errors';
import { environmentRoute } from '@/lib/http/management-route';
import { parseJsonBody } from '@/lib/http/parse-body';
import { defaultMetrics } from '@/lib/signals/definitions';
import { updateMetric, updateMetricInput } from '@/lib/signals/metrics';

type Params = { slug: string; key: string };

/** Which event keys make a metric in this environment ("x*" matches by prefix). */
export const PUT = environmentRoute<Params>('admin', async ({ request, params, db, environment }) => {
  const metric = defaultMetrics.find((m) => m.key === params.key);
  if (!metric) throw new NotFoundError(`Metric "${params.key}"`);
  const input = await parseJsonBody(request, updateMetricInput);
  await updateMetric(db, environment.id, metric.key, input);
  return Response.json({ ok: true });
});
