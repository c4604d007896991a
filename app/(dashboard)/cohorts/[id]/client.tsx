'use client';

import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';

import { CohortForm } from '@/components/cohorts/cohort-form';
import { NotificationsCell } from '@/components/cohorts/notifications-cell';
import { isNotFound, retryUnlessNotFound } from '@/components/query/api';
import { endpoints } from '@/components/query/endpoints';
import { queryKeys } from '@/components/query/keys';
import { envSuffix } from '@/components/shell/env-suffix';
import { PageHeader } from '@/components/shell/page-header';
import { ConfirmDeleteDialog } from '@/components/ui/confirm-dialog';
import { formatDateTime } from '@/components/ui/format';
import { QueryView } from '@/components/ui/query-view';
import { EmptyState, ErrorState, LoadingRows } from '@/components/ui/states';
import { useConfirmDelete } from '@/components/ui/use-confirm-delete';

export function CohortClient({
  environmentSlug,
  envParam,
  id,
  canEdit,
}: {
  environmentSlug: string;
  envParam: string;
  id: string;
  canEdit: boolean;
}) {
  const queryClient = useQueryClient();
  const router = useRouter();
  const suffix = envSuffix(envParam);
  const query = useQuery({
    queryKey: queryKeys.cohort(environmentSlug, id),
    queryFn: () => endpoints.cohorts.get(environmentSlug, id),
    retry: retryUnlessNotFound,
    refetchInterval: 15_000,
  });
  const members = useInfiniteQuery({
    queryKey: queryKeys.cohortMembers(environmentSlug, id),
    queryFn: ({ pageParam }) => endpoints.cohorts.members(environmentSlug, id, { limit: '50', after: pageParam || undefined }),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextAfter ?? undefined,
    enabled: query.isSuccess,
  });
  const refresh = () => void queryClient.invalidateQueries({ queryKey: queryKeys.cohorts(environmentSlug) });
  const evaluate = useMutation({
    mutationFn: () => endpoints.cohorts.evaluate(environmentSlug, id),
    onSuccess: refresh,
  });
  const [editing, setEditing] = useState(false);
  const remove = useConfirmDelete({
    remove: (cohortId: string) => endpoints.cohorts.remove(environmentSlug, cohortId),
    onDeleted: () => {
      // The list only: refetching the deleted cohort would flash "Cohort not found" before leaving.
      void queryClient.invalidateQueries({ queryKey: queryKeys.cohortList(environmentSlug) });
      router.push(`/cohorts${suffix}`);
    },
    keepOpen: true,
  });

  if (query.isError && isNotFound(query.error)) {
    return (
      <EmptyState title="Cohort not found" action={<Link href={`/cohorts${suffix}`}>Back to cohorts</Link>}>
        It may have been deleted, or it belongs to another environment.
      </EmptyState>
    );
  }
  return (
    <QueryView query={query} loadingLabel="Loading the cohort">
      {({ cohort, runs }) => (
        <>
          <PageHeader
            title={cohort.name}
            description={`${cohort.memberCount.toLocaleString('en')} ${cohort.entity} · re-evaluated every ${cohort.scheduleMinutes} min · last ${formatDateTime(cohort.lastEvaluatedAt, 'not yet')}`}
            actions={
              canEdit ? (
                <div className="form-row">
                  <button
                    type="button"
                    className="btn btn-primary"
                    onClick={() => evaluate.mutate()}
                    disabled={evaluate.isPending}
                  >
                    {evaluate.isPending ? 'Evaluating…' : 'Evaluate now'}
                  </button>
                  <button type="button" className="btn" onClick={() => setEditing(!editing)} aria-expanded={editing}>
                    {editing ? 'Cancel editing' : 'Edit'}
                  </button>
                  <button type="button" className="btn btn-danger" onClick={() => remove.ask(id)}>
                    Delete
                  </button>
                </div>
              ) : undefined
            }
          />
          {cohort.lastError ? (
            <div className="alert alert-error" role="alert">
              The last evaluation failed: {cohort.lastError}
            </div>
          ) : null}
          {evaluate.error ? <ErrorState error={evaluate.error} /> : null}
          {evaluate.data ? (
            <div className="alert alert-info" role="status" data-testid="run-result">
              Evaluated: {evaluate.data.run.added} added, {evaluate.data.run.removed} removed, {evaluate.data.run.memberCount}{' '}
              members
              {evaluate.data.run.notified ? '; notifications queued.' : '; nothing to notify.'}
            </div>
          ) : null}
          {editing ? (
            <CohortForm
              environmentSlug={environmentSlug}
              initial={cohort}
              onSaved={() => {
                setEditing(false);
                refresh();
              }}
            />
          ) : null}
          <section className="card" aria-labelledby="notify-title">
            <h2 id="notify-title">Notifications</h2>
            <p className="muted">
              Each run that changes the cohort sends one message to every connection here, listing who was{' '}
              {cohort.notifyOn === 'both' ? 'added and removed' : cohort.notifyOn}
              {cohort.notifyTraits.length ? ` (with ${cohort.notifyTraits.join(', ')})` : ''}. Receivers can catch up with{' '}
              <code>GET {endpoints.cohorts.changesPath(cohort.id)}?since=…</code>.
            </p>
            <NotificationsCell environmentSlug={environmentSlug} cohort={cohort} canEdit={canEdit} />
          </section>
          <section className="card" aria-labelledby="members-title">
            <h2 id="members-title">Members</h2>
            {members.isPending ? (
              <LoadingRows label="Loading members" />
            ) : members.isError ? (
              <ErrorState error={members.error} onRetry={() => void members.refetch()} />
            ) : members.data.pages[0]?.members.length === 0 ? (
              <EmptyState title={cohort.lastEvaluatedAt ? 'No members' : 'Not evaluated yet'}>
                {cohort.lastEvaluatedAt
                  ? 'Nobody matches the filter right now.'
                  : 'The first evaluation runs within a minute of saving, or now with “Evaluate now”.'}
              </EmptyState>
            ) : (
              <>
                <table className="table" aria-label="Members">
                  <thead>
                    <tr>
                      <th>Id</th>
                      <th>In since</th>
                      <th>Last seen</th>
                      <th>Traits</th>
                    </tr>
                  </thead>
                  <tbody>
                    {members.data.pages
                      .flatMap((p) => p.members)
                      .map((m) => (
                        <tr key={m.id}>
                          <td>
                            <code>{m.id}</code>
                          </td>
                          <td>{formatDateTime(m.enteredAt)}</td>
                          <td>{formatDateTime(m.lastSeenAt)}</td>
                          <td className="truncate">{JSON.stringify(m.traits)}</td>
                        </tr>
                      ))}
                  </tbody>
                </table>
                {members.hasNextPage ? (
                  <button
                    type="button"
                    className="btn"
                    onClick={() => void members.fetchNextPage()}
                    disabled={members.isFetchingNextPage}
                  >
                    {members.isFetchingNextPage ? 'Loading…' : 'Load more members'}
                  </button>
                ) : null}
              </>
            )}
          </section>
          <section className="card" aria-labelledby="runs-title">
            <h2 id="runs-title">Runs</h2>
            {runs.length === 0 ? (
              <p className="muted">No runs yet.</p>
            ) : (
              <table className="table" aria-label="Runs">
                <thead>
                  <tr>
                    <th>When</th>
                    <th>Added</th>
                    <th>Removed</th>
                    <th>Members</th>
                    <th>Took</th>
                    <th>Notified</th>
                  </tr>
                </thead>
                <tbody>
                  {runs.map((r) => (
                    <tr key={r.id}>
                      <td>{formatDateTime(r.ran_at)}</td>
                      <td>{r.added}</td>
                      <td>{r.removed}</td>
                      <td>{r.member_count}</td>
                      <td>{r.duration_ms} ms</td>
                      <td>{r.notified ? 'yes' : 'no'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
          <ConfirmDeleteDialog confirm={remove} title={`Delete “${cohort.name}”?`} confirmLabel="Delete cohort">
            <p>Its members, runs and notification settings go with it. This cannot be undone.</p>
          </ConfirmDeleteDialog>
        </>
      )}
    </QueryView>
  );
}
