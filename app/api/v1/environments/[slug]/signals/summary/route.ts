import { environmentRoute } from '@/lib/http/management-route';
import { parseSearchParams } from '@/lib/http/parse-search-params';
import { dashboardParams, resolveRange } from '@/lib/signals/dashboard-params';
import { dashboardKpis, dashboardSeries, topAccountsByInvites } from '@/lib/signals/dashboard-queries';
import { listMetrics } from '@/lib/signals/metrics';

type Params = { slug: string };

/** KPI cards, the time series with the previous period, and the top accounts by invites. */
export const GET = environmentRoute<Params>('viewer', async ({ request, db, environment }) => {
  const query = parseSearchParams(request, dashboardParams);
  const range = resolveRange(query, environment.timeZone);
  const metrics = await listMetrics(db, environment.id);
  const scope = { environmentId: environment.id, accountId: query.account };
  const [kpis, series, top] = await Promise.all([
    dashboardKpis(db, scope, range, metrics),
    dashboardSeries(db, scope, range, metrics),
    // The ranking is environment-wide: an account's own view has no use for it.
    query.account ? Promise.resolve([]) : topAccountsByInvites(db, scope, range, metrics),
  ]);
  return Response.json({ range, kpis, series, top });
});
