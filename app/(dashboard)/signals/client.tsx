'use client';

import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useQueryStates } from 'nuqs';

import { endpoints } from '@/components/query/endpoints';
import { queryKeys } from '@/components/query/keys';
import { ChartMetricPicker } from '@/components/signals/chart-metric-picker';
import { EvaluationStatus } from '@/components/signals/evaluation-status';
import { KpiCards } from '@/components/signals/kpi-cards';
import { MetricChart } from '@/components/signals/metric-chart';
import { OccurrencesTable, type Sort } from '@/components/signals/occurrences-table';
import { type DashboardFilters, SignalFilters } from '@/components/signals/signal-filters';
import { TopAccounts } from '@/components/signals/top-accounts';
import { useAccountSearch } from '@/components/signals/use-account-search';
import { QueryView } from '@/components/ui/query-view';
import { ErrorState } from '@/components/ui/states';

import { signalsSearchParams } from './search-params';

export function SignalsClient({ environment, canEdit }: { environment: { slug: string; name: string }; canEdit: boolean }) {
  const queryClient = useQueryClient();
  const [view, setView] = useQueryStates(signalsSearchParams, { history: 'push' });
  const envSuffix = environment.slug === 'production' ? '' : `?env=${environment.slug}`;
  const accountHref = (accountId: string) => `/accounts/${encodeURIComponent(accountId)}${envSuffix}`;

  const filters = { range: view.range, from: view.from, to: view.to, account: view.account };
  const summary = useQuery({
    queryKey: queryKeys.signalsSummary(environment.slug, filters),
    queryFn: () => endpoints.signals.summary(environment.slug, withoutEmpty(filters)),
    placeholderData: keepPreviousData,
  });
  const table = { account: view.account, sort: view.sort, dir: view.dir, page: view.page };
  const occurrences = useQuery({
    queryKey: queryKeys.occurrences(environment.slug, table),
    queryFn: () => endpoints.signals.occurrences(environment.slug, withoutEmpty({ ...table, page: String(table.page) })),
    placeholderData: keepPreviousData,
  });
  const accounts = useAccountSearch(environment.slug);
  const evaluate = useMutation({
    mutationFn: () => endpoints.signals.evaluate(environment.slug),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: queryKeys.signals(environment.slug) }),
  });

  const changeFilters = (next: Partial<DashboardFilters>) =>
    void setView({
      ...Object.fromEntries(Object.entries(next).map(([k, v]) => [k, v === '' ? null : v])),
      ...('account' in next ? { page: null } : {}),
    });
  const changeSort = (sort: Sort) =>
    void setView({ sort, dir: view.sort === sort && view.dir === 'desc' ? 'asc' : 'desc', page: null });

  return (
    <>
      <EvaluationStatus environmentSlug={environment.slug} />
      <SignalFilters
        filters={filters}
        accountOptions={accounts.options}
        onSearchAccounts={accounts.setText}
        onChange={changeFilters}
      />
      <QueryView query={summary} loadingLabel="Loading the figures">
        {(data) => (
          <>
            <p className="muted" aria-live="polite">
              {data.range.from} to {data.range.to}
              {view.account ? ` · account ${view.account}` : ''} · compared with {data.range.previousFrom} to{' '}
              {data.range.previousTo}
              {summary.isFetching ? ' · updating…' : ''}
            </p>
            <KpiCards kpis={data.kpis} />
            <section className="card" aria-labelledby="chart-title">
              <div className="card-header">
                <h2 id="chart-title">Activity</h2>
                <ChartMetricPicker
                  selected={view.chart}
                  onChange={(chart) => void setView({ chart: chart.length ? chart : null })}
                />
              </div>
              <MetricChart series={data.series} visible={view.chart} />
            </section>
            {view.account ? null : (
              <section className="card" aria-labelledby="top-title">
                <h2 id="top-title">Top accounts by invites</h2>
                <TopAccounts top={data.top} accountHref={accountHref} />
              </section>
            )}
          </>
        )}
      </QueryView>
      <section className="card" aria-labelledby="occurrences-title">
        <div className="card-header">
          <h2 id="occurrences-title">Accounts in signals now</h2>
          {canEdit ? (
            <button type="button" className="btn" onClick={() => evaluate.mutate()} disabled={evaluate.isPending}>
              {evaluate.isPending ? 'Evaluating…' : 'Evaluate now'}
            </button>
          ) : null}
        </div>
        {evaluate.data ? (
          <p className="alert alert-info" role="status">
            Evaluated: {evaluate.data.result.entered} entered, {evaluate.data.result.ended} ended, {evaluate.data.result.open} in
            signals.
          </p>
        ) : null}
        {evaluate.error ? <ErrorState error={evaluate.error} /> : null}
        <QueryView query={occurrences} loadingLabel="Loading accounts in signals">
          {(data) => (
            <OccurrencesTable
              data={data}
              sort={view.sort}
              dir={view.dir}
              onSort={changeSort}
              onPage={(page) => void setView({ page })}
              accountHref={accountHref}
              emptyText={`No account in ${environment.name} is in a signal right now. Signals are evaluated every few minutes from the events received.`}
            />
          )}
        </QueryView>
      </section>
    </>
  );
}

function withoutEmpty<T extends Record<string, string>>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== '')) as Partial<T>;
}
