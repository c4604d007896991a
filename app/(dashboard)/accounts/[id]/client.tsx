'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { parseAsInteger, parseAsStringLiteral, useQueryStates } from 'nuqs';

import { endpoints } from '@/components/query/endpoints';
import { queryKeys } from '@/components/query/keys';
import { KpiCards } from '@/components/signals/kpi-cards';
import { MetricChart } from '@/components/signals/metric-chart';
import { OccurrencesTable } from '@/components/signals/occurrences-table';
import { formatDateTime } from '@/components/ui/format';
import { QueryView } from '@/components/ui/query-view';
import { EmptyState } from '@/components/ui/states';

const viewParams = {
  range: parseAsStringLiteral(['7d', '30d', '90d'] as const).withDefault('30d'),
  page: parseAsInteger.withDefault(1),
};

/** One account: its traits, its metrics over time, its signal history and its users. */
export function AccountClient({ environment, accountId }: { environment: { slug: string; name: string }; accountId: string }) {
  const [view, setView] = useQueryStates(viewParams, { history: 'push' });
  const account = useQuery({
    queryKey: queryKeys.account(environment.slug, accountId),
    queryFn: () => endpoints.accounts.get(environment.slug, accountId).then((r) => r.account),
  });
  const summary = useQuery({
    queryKey: queryKeys.signalsSummary(environment.slug, { range: view.range, account: accountId }),
    queryFn: () => endpoints.signals.summary(environment.slug, { range: view.range, account: accountId }),
    placeholderData: keepPreviousData,
  });
  const history = useQuery({
    queryKey: queryKeys.occurrences(environment.slug, { account: accountId, state: 'all', page: view.page }),
    queryFn: () => endpoints.signals.occurrences(environment.slug, { account: accountId, state: 'all', page: String(view.page) }),
    placeholderData: keepPreviousData,
  });

  return (
    <QueryView query={account} loadingLabel="Loading the account">
      {(a) => (
        <>
          <section className="card" aria-labelledby="traits-title">
            <h2 id="traits-title">{typeof a.traits.name === 'string' ? a.traits.name : 'Traits'}</h2>
            <p className="muted">
              First seen {formatDateTime(a.firstSeenAt)} · last seen {formatDateTime(a.lastSeenAt)} · {a.users.length} users
            </p>
            {Object.keys(a.traits).length ? <pre className="properties">{JSON.stringify(a.traits, null, 2)}</pre> : null}
          </section>
          <div className="segmented" role="group" aria-label="Date range" style={{ marginBottom: 12 }}>
            {(['7d', '30d', '90d'] as const).map((r) => (
              <button key={r} type="button" aria-pressed={view.range === r} onClick={() => void setView({ range: r })}>
                Last {r.replace('d', ' days')}
              </button>
            ))}
          </div>
          <QueryView query={summary} loadingLabel="Loading metrics">
            {(s) => (
              <>
                <KpiCards kpis={s.kpis} />
                <section className="card" aria-labelledby="account-chart-title">
                  <h2 id="account-chart-title">Activity</h2>
                  <MetricChart series={s.series} />
                </section>
              </>
            )}
          </QueryView>
          <section className="card" aria-labelledby="history-title">
            <h2 id="history-title">Signal history</h2>
            <QueryView query={history} loadingLabel="Loading signal history">
              {(h) => (
                <OccurrencesTable
                  data={h}
                  sort="since"
                  dir="desc"
                  onPage={(page) => void setView({ page })}
                  accountHref={() => '#'}
                  showAccount={false}
                  emptyText="This account has never been in a signal."
                />
              )}
            </QueryView>
          </section>
          <section className="card" aria-labelledby="users-title">
            <h2 id="users-title">Users</h2>
            {a.users.length === 0 ? (
              <EmptyState title="No users seen in this account yet" />
            ) : (
              <table className="table" aria-label="Users of the account">
                <thead>
                  <tr>
                    <th>User</th>
                    <th>Email</th>
                    <th>First seen here</th>
                    <th>Last seen here</th>
                  </tr>
                </thead>
                <tbody>
                  {a.users.map((u) => (
                    <tr key={u.userId}>
                      <td>{typeof u.traits.name === 'string' ? u.traits.name : u.userId}</td>
                      <td>{typeof u.traits.email === 'string' ? u.traits.email : '—'}</td>
                      <td>{formatDateTime(u.firstSeenAt)}</td>
                      <td>{formatDateTime(u.lastSeenAt)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
        </>
      )}
    </QueryView>
  );
}
