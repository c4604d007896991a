'use client';

import { useQuery } from '@tanstack/react-query';

import { endpoints } from '@/components/query/endpoints';
import { queryKeys } from '@/components/query/keys';
import { formatDateTime } from '@/components/ui/format';
import { QueryView } from '@/components/ui/query-view';
import { EmptyState } from '@/components/ui/states';

const reasons: Record<string, string> = {
  password: 'Wrong password',
  unknown: 'No such account',
};

/** Owners only: the latest failed sign-ins, so guessing is seen, not just slowed. */
export function FailedSignInsCard() {
  const failures = useQuery({
    queryKey: queryKeys.signInFailures(),
    queryFn: () => endpoints.admins.signInFailures().then((r) => r.failures),
  });
  return (
    <section className="card" aria-labelledby="failed-sign-ins-title">
      <div className="card-header">
        <h2 id="failed-sign-ins-title">Failed sign-ins</h2>
      </div>
      <p className="muted">
        The latest 100 in the last 30 days. After 5 failures for one email from one address, or 20 from one address, each further
        try waits twice as long as the last, up to 15 minutes.
      </p>
      <QueryView query={failures} loadingLabel="Loading failed sign-ins">
        {(list) =>
          list.length === 0 ? (
            <EmptyState title="No failed sign-ins">Nobody has failed to sign in in the last 30 days.</EmptyState>
          ) : (
            <table className="table" aria-label="Failed sign-ins">
              <thead>
                <tr>
                  <th>When</th>
                  <th>Email tried</th>
                  <th>From</th>
                  <th>Why</th>
                </tr>
              </thead>
              <tbody>
                {list.map((f) => (
                  <tr key={f.id}>
                    <td>{formatDateTime(f.at)}</td>
                    <td>{f.email}</td>
                    <td>
                      <code>{f.clientAddress}</code>
                    </td>
                    <td>{reasons[f.reason] ?? f.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </QueryView>
    </section>
  );
}
