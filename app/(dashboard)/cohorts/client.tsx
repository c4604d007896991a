'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';

import { NotificationsCell } from '@/components/cohorts/notifications-cell';
import { endpoints } from '@/components/query/endpoints';
import { queryKeys } from '@/components/query/keys';
import { envSuffix } from '@/components/shell/env-suffix';
import { formatDateTime } from '@/components/ui/format';
import { QueryView } from '@/components/ui/query-view';
import { EmptyState } from '@/components/ui/states';

export function CohortsClient({
  environmentSlug,
  envParam,
  canEdit,
}: {
  environmentSlug: string;
  envParam: string;
  canEdit: boolean;
}) {
  const suffix = envSuffix(envParam);
  const list = useQuery({
    queryKey: queryKeys.cohortList(environmentSlug),
    queryFn: () => endpoints.cohorts.list(environmentSlug).then((r) => r.cohorts),
    refetchInterval: 15_000,
  });
  return (
    <QueryView query={list} loadingLabel="Loading cohorts">
      {(cohorts) =>
        cohorts.length === 0 ? (
          <EmptyState
            title="No cohorts yet"
            action={
              canEdit ? (
                <Link className="btn btn-primary" href={`/cohorts/new${suffix}`}>
                  Build a cohort
                </Link>
              ) : undefined
            }
          >
            A cohort is a saved filter — e.g. users first seen today whose API calls failed — kept up to date every few minutes.
          </EmptyState>
        ) : (
          <div className="card">
            <table className="table" aria-label="Cohorts">
              <thead>
                <tr>
                  <th>Name</th>
                  <th>Of</th>
                  <th>Members</th>
                  <th>Last evaluated</th>
                  <th>Next evaluation</th>
                  <th>Notifications</th>
                </tr>
              </thead>
              <tbody>
                {cohorts.map((c) => (
                  <tr key={c.id}>
                    <td>
                      <Link href={`/cohorts/${c.id}${suffix}`}>{c.name}</Link>
                      {c.lastError ? (
                        <span className="badge badge-danger" title={c.lastError}>
                          {' '}
                          failed
                        </span>
                      ) : null}
                    </td>
                    <td>{c.entity}</td>
                    <td>{c.lastEvaluatedAt ? c.memberCount.toLocaleString('en') : '—'}</td>
                    <td>{formatDateTime(c.lastEvaluatedAt, 'not yet')}</td>
                    <td>{formatDateTime(c.nextEvaluationAt)}</td>
                    <td>
                      <NotificationsCell environmentSlug={environmentSlug} cohort={c} canEdit={canEdit} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )
      }
    </QueryView>
  );
}
