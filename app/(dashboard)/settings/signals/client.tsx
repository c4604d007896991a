'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';

import { endpoints } from '@/components/query/endpoints';
import { queryKeys } from '@/components/query/keys';
import { MetricRow } from '@/components/settings/metric-row';
import { SignalRow } from '@/components/settings/signal-row';
import { formatDateTime } from '@/components/ui/format';
import { QueryView } from '@/components/ui/query-view';

export function SignalSettingsClient({
  environment,
  canEdit,
}: {
  environment: { slug: string; name: string };
  canEdit: boolean;
}) {
  const queryClient = useQueryClient();
  const settings = useQuery({
    queryKey: queryKeys.signalSettings(environment.slug),
    queryFn: () => endpoints.signals.settings(environment.slug),
  });
  const refresh = () => void queryClient.invalidateQueries({ queryKey: queryKeys.signals(environment.slug) });
  return (
    <QueryView query={settings} loadingLabel="Loading signal settings">
      {(data) => (
        <>
          <p className="muted" role="status">
            {data.lastRun
              ? `Last evaluated ${formatDateTime(data.lastRun.lastStartedAt)}${data.lastRun.lastError ? ` — failed: ${data.lastRun.lastError}` : data.lastRun.lastResult ? ` in ${data.lastRun.lastResult.ms} ms: ${data.lastRun.lastResult.open} accounts in signals` : ''}.`
              : 'Not evaluated yet: the scheduler evaluates every few minutes.'}
          </p>
          {data.signals.map((s) => (
            <SignalRow key={s.key} environmentSlug={environment.slug} signal={s} canEdit={canEdit} onSaved={refresh} />
          ))}
          <section className="card" aria-labelledby="metrics-title">
            <h2 id="metrics-title">Metrics</h2>
            <p className="muted">
              Which of {environment.name}&apos;s event keys each metric counts. A key ending in * matches every key that starts
              with it.
            </p>
            <table className="table" aria-label="Metrics">
              <tbody>
                {data.metrics.map((m) => (
                  <MetricRow key={m.key} environmentSlug={environment.slug} metric={m} canEdit={canEdit} onSaved={refresh} />
                ))}
              </tbody>
            </table>
          </section>
        </>
      )}
    </QueryView>
  );
}
