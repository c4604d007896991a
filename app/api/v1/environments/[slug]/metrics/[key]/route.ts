import { after } from 'next/server';

import { environmentRoute } from '@/lib/api/management-route';
import { NotFoundError } from '@/lib/errors';
import { parseJsonBody } from '@/lib/http/parse-body';
import { logError } from '@/lib/log';
import { ensureDashboardSummaries } from '@/lib/metrics/dashboard-summaries';
import { defaultMetrics } from '@/lib/metrics/definitions';
import { listMetrics, updateMetric, updateMetricInput } from '@/lib/metrics/metrics';

type Params = { slug: string; key: string };

/** Which event keys make a metric in this environment ("x*" matches by prefix). */
export const PUT = environmentRoute<Params>('admin', async ({ request, params, db, environment }) => {
  const metric = defaultMetrics.find((m) => m.key === params.key);
  if (!metric) throw new NotFoundError(`Metric "${params.key}"`);
  const input = await parseJsonBody(request, updateMetricInput);
  await updateMetric(db, environment.id, metric.key, input);
  if (metric.key === 'invited_users') {
    // The dashboard's summaries count invites by this metric. Recounted once the answer is sent
    // rather than at the next signals tick, so the dashboard does not read the rollups (seconds on
    // a large environment) meanwhile; the tick still does it if this fails.
    after(() =>
      listMetrics(db, environment.id)
        .then((metrics) => ensureDashboardSummaries(db, environment.id, metrics))
        .catch((error: unknown) => logError(`Recounting the invites of environment ${environment.id} failed`, error)),
    );
  }
  return Response.json({ ok: true });
});
