'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useQueryStates } from 'nuqs';
import type { FormEvent } from 'react';

import { endpoints } from '@/components/query/endpoints';
import { queryKeys } from '@/components/query/keys';
import { formatDateTime } from '@/components/ui/format';
import { QueryView } from '@/components/ui/query-view';
import { EmptyState } from '@/components/ui/states';

import { accountsSearchParams } from './search-params';

export function AccountsClient({ environment }: { environment: { slug: string; name: string } }) {
  const [view, setView] = useQueryStates(accountsSearchParams, { history: 'push' });
  const query = useQuery({
    queryKey: queryKeys.accounts(environment.slug, view),
    queryFn: () => endpoints.accounts.list(environment.slug, { search: view.q, page: String(view.page) }),
    placeholderData: keepPreviousData,
  });
  const envSuffix = environment.slug === 'production' ? '' : `?env=${environment.slug}`;
  const onSearch = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const q = String(new FormData(event.currentTarget).get('q') ?? '').trim();
    void setView({ q: q || null, page: null });
  };
  return (
    <section className="card" aria-labelledby="accounts-title">
      <div className="card-header">
        <h2 id="accounts-title">Accounts</h2>
        <form key={view.q} onSubmit={onSearch} className="form-row" role="search" aria-label="Search accounts">
          <input name="q" aria-label="Search by id or name" placeholder="Search by id or name" defaultValue={view.q} />
          <button type="submit" className="btn">
            Search
          </button>
        </form>
      </div>
      <QueryView query={query} loadingLabel="Loading accounts">
        {(data) =>
          data.total === 0 ? (
            <EmptyState title={view.q ? 'No account matches' : 'No accounts yet'}>
              {view.q ? 'Try another id or name.' : 'Accounts appear as soon as events that name them arrive (see Events).'}
            </EmptyState>
          ) : (
            <>
              <table className="table" aria-label="Accounts list">
                <thead>
                  <tr>
                    <th>Account</th>
                    <th>Users</th>
                    <th>In signals</th>
                    <th>First seen</th>
                    <th>Last seen</th>
                  </tr>
                </thead>
                <tbody>
                  {data.accounts.map((a) => (
                    <tr key={a.accountId}>
                      <td>
                        <Link href={`/accounts/${encodeURIComponent(a.accountId)}${envSuffix}`}>{a.name ?? a.accountId}</Link>
                        {a.name ? <div className="muted">{a.accountId}</div> : null}
                      </td>
                      <td>{a.users}</td>
                      <td>{a.openSignals ? <span className="badge">{a.openSignals}</span> : <span className="muted">—</span>}</td>
                      <td>{formatDateTime(a.firstSeenAt)}</td>
                      <td>{formatDateTime(a.lastSeenAt)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <div className="pager">
                <span className="muted">
                  Page {data.page} of {Math.max(1, Math.ceil(data.total / data.pageSize))} · {data.total.toLocaleString('en')}{' '}
                  accounts
                </span>
                <button
                  type="button"
                  className="btn"
                  disabled={data.page <= 1}
                  onClick={() => void setView({ page: data.page - 1 })}
                >
                  Previous
                </button>
                <button
                  type="button"
                  className="btn"
                  disabled={data.page * data.pageSize >= data.total}
                  onClick={() => void setView({ page: data.page + 1 })}
                >
                  Next
                </button>
              </div>
            </>
          )
        }
      </QueryView>
    </section>
  );
}
