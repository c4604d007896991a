import { environmentRoute } from '@/lib/api/management-route';
import { parseSearchParams } from '@/lib/http/parse-search-params';
import { dashboardSummariesReady } from '@/lib/metrics/dashboard-summaries';
import { listMetrics } from '@/lib/metrics/metrics';
import { dashboardParams, resolveRange } from '@/lib/signals/dashboard-params';
import { dashboardKpis, dashboardSeries, topAccountsByInvites } from '@/lib/signals/dashboard-queries';

type Params = { slug: string };

/** KPI cards, the time series with the previous period, and the top accounts by invites. */
export const GET = environmentRoute<Params>('viewer', async ({ request, db, environment }) => {
  const query = parseSearchParams(request, dashboardParams);
  const range = resolveRange(query, environment.timeZone);
  const metrics = await listMetrics(db, environment.id);
  const scope = { environmentId: environment.id, accountId: query.account };
  // The whole environment reads the summaries kept at ingestion once they are built; one account's
  // rollups are few enough to read directly.
  const source = !query.account && (await dashboardSummariesReady(db, environment.id, metrics)) ? 'summaries' : 'rollups';
  const [kpis, series, top] = await Promise.all([
    dashboardKpis(db, scope, range, metrics, source),
    dashboardSeries(db, scope, range, metrics, source),
    // The ranking is environment-wide: an account's own view has no use for it.
    query.account ? Promise.resolve([]) : topAccountsByInvites(db, scope, range, metrics, 10, source),
  ]);
  return Response.json({ range, kpis, series, top });
});
