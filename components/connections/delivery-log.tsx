'use client';

import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, Fragment, useState } from 'react';

import { type DeliveriesQuery, type Delivery, endpoints } from '@/components/query/endpoints';
import { queryKeys } from '@/components/query/keys';
import { formatDateTime } from '@/components/ui/format';
import { EmptyState, ErrorState, LoadingRows } from '@/components/ui/states';

export type DeliveryFilters = { status: string; trigger: string; since: string };

const statusBadge = (d: Delivery) =>
  d.status === 'succeeded' ? 'badge' : d.status === 'failed' ? 'badge badge-danger' : 'badge badge-muted';

/** Browser-local "yyyy-mm-ddThh:mm" (datetime-local) → ISO, or '' when empty or invalid. */
export function localToIso(local: string): string {
  if (!local) return '';
  const date = new Date(local);
  return Number.isNaN(date.getTime()) ? '' : date.toISOString();
}

/**
 * The delivery log, newest first: status, attempts, the last answer, the next attempt; filters;
 * redeliver one, or every failed delivery since a time. Refreshes every few seconds.
 */
export function DeliveryLog({
  environmentSlug,
  connectionId,
  filters,
  canEdit,
}: {
  environmentSlug: string;
  connectionId?: string;
  filters: DeliveryFilters;
  canEdit: boolean;
}) {
  const queryClient = useQueryClient();
  const sinceIso = localToIso(filters.since);
  // Only the filters set: the URL and the query key leave the others out.
  const query: DeliveriesQuery = {
    ...(connectionId ? { connection: connectionId } : {}),
    ...(filters.status ? { status: filters.status } : {}),
    ...(filters.trigger ? { trigger: filters.trigger } : {}),
    ...(sinceIso ? { since: sinceIso } : {}),
  };
  const log = useInfiniteQuery({
    queryKey: queryKeys.deliveries(environmentSlug, query),
    queryFn: ({ pageParam }) => endpoints.deliveries.list(environmentSlug, { ...query, cursor: pageParam || undefined }),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    refetchInterval: 5000,
  });
  const invalidate = () => void queryClient.invalidateQueries({ queryKey: queryKeys.allDeliveries(environmentSlug) });
  const redeliver = useMutation({
    mutationFn: (id: string) => endpoints.deliveries.redeliver(environmentSlug, id),
    onSettled: invalidate,
  });
  const [bulkSince, setBulkSince] = useState('');
  const bulk = useMutation({
    mutationFn: (since: string) =>
      endpoints.deliveries.redeliverFailed(environmentSlug, { since, ...(connectionId ? { connectionId } : {}) }),
    onSettled: invalidate,
  });
  const [open, setOpen] = useState<string | null>(null);
  const onBulk = (event: FormEvent) => {
    event.preventDefault();
    const iso = localToIso(bulkSince);
    if (iso) bulk.mutate(iso);
  };

  const rows = log.data?.pages.flatMap((p) => p.deliveries) ?? [];
  return (
    <div>
      {canEdit ? (
        <form className="form-row" onSubmit={onBulk} noValidate aria-label="Redeliver failed deliveries">
          <div className="field">
            <label htmlFor={`bulk-since-${connectionId ?? 'all'}`}>Redeliver every failed delivery since</label>
            <input
              id={`bulk-since-${connectionId ?? 'all'}`}
              type="datetime-local"
              value={bulkSince}
              onChange={(e) => setBulkSince(e.target.value)}
            />
          </div>
          <button type="submit" className="btn" disabled={!bulkSince || bulk.isPending}>
            {bulk.isPending ? 'Queuing…' : 'Redeliver failed'}
          </button>
          {bulk.data ? (
            <span role="status">
              {bulk.data.queued.toLocaleString('en')} deliver{bulk.data.queued === 1 ? 'y' : 'ies'} queued again.
            </span>
          ) : null}
          {bulk.error ? <ErrorState error={bulk.error} /> : null}
        </form>
      ) : null}
      {redeliver.error ? <ErrorState error={redeliver.error} /> : null}
      {log.isPending ? (
        <LoadingRows label="Loading deliveries" />
      ) : log.isError ? (
        <ErrorState error={log.error} onRetry={() => void log.refetch()} />
      ) : rows.length === 0 ? (
        <EmptyState title="No deliveries yet">
          {filters.status || filters.trigger || filters.since
            ? 'Nothing matches these filters.'
            : 'Deliveries appear here when a subscribed event arrives, or when you send a test.'}
        </EmptyState>
      ) : (
        <table className="table" aria-label="Deliveries">
          <thead>
            <tr>
              <th>Created</th>
              {connectionId ? null : <th>Connection</th>}
              <th>Trigger</th>
              <th>Status</th>
              <th>Attempts</th>
              <th>Response</th>
              <th>Latency</th>
              <th>Next attempt</th>
              <th aria-label="Actions" />
            </tr>
          </thead>
          <tbody>
            {rows.map((d) => (
              <Fragment key={d.id}>
                <tr data-testid="delivery-row">
                  <td>{formatDateTime(d.createdAt)}</td>
                  {connectionId ? null : <td>{d.connectionName}</td>}
                  <td>
                    <code>{d.eventKey}</code> {d.isTest ? <span className="badge badge-muted">test</span> : null}
                  </td>
                  <td>
                    <span className={statusBadge(d)}>{d.status}</span>
                  </td>
                  <td>{d.attempts}</td>
                  <td>{d.lastResponseCode ?? (d.lastError ? d.lastError.split(':')[0] : '—')}</td>
                  <td>{d.lastLatencyMs === null ? '—' : `${d.lastLatencyMs} ms`}</td>
                  <td>{d.status === 'pending' ? formatDateTime(d.nextAttemptAt) : '—'}</td>
                  <td>
                    <div className="form-row">
                      <button
                        type="button"
                        className="btn-link"
                        aria-expanded={open === d.id}
                        onClick={() => setOpen(open === d.id ? null : d.id)}
                      >
                        {open === d.id ? 'Hide' : 'Details'}
                      </button>
                      {canEdit && d.status !== 'pending' ? (
                        <button
                          type="button"
                          className="btn"
                          disabled={redeliver.isPending}
                          onClick={() => redeliver.mutate(d.id)}
                        >
                          Redeliver
                        </button>
                      ) : null}
                    </div>
                  </td>
                </tr>
                {open === d.id ? (
                  <tr>
                    <td colSpan={connectionId ? 8 : 9}>
                      <DeliveryDetails environmentSlug={environmentSlug} delivery={d} />
                    </td>
                  </tr>
                ) : null}
              </Fragment>
            ))}
          </tbody>
        </table>
      )}
      {log.hasNextPage ? (
        <button type="button" className="btn" onClick={() => void log.fetchNextPage()} disabled={log.isFetchingNextPage}>
          {log.isFetchingNextPage ? 'Loading…' : 'Load older deliveries'}
        </button>
      ) : null}
    </div>
  );
}

function DeliveryDetails({ environmentSlug, delivery }: { environmentSlug: string; delivery: Delivery }) {
  const detail = useQuery({
    queryKey: queryKeys.delivery(environmentSlug, delivery.id),
    queryFn: () => endpoints.deliveries.get(environmentSlug, delivery.id),
  });
  return (
    <div className="delivery-details">
      <p>
        <strong>webhook-id</strong> <code>{delivery.messageId}</code> · last attempt{' '}
        {formatDateTime(delivery.lastAttemptAt, 'never')}
      </p>
      {delivery.lastError ? <p className="field-error">{delivery.lastError}</p> : null}
      {delivery.lastResponseExcerpt ? (
        <>
          <strong>Response excerpt</strong>
          <pre className="code-block">{delivery.lastResponseExcerpt}</pre>
        </>
      ) : null}
      <strong>Payload</strong>
      {detail.isPending ? (
        <LoadingRows label="Loading payload" rows={1} />
      ) : detail.isError ? (
        <ErrorState error={detail.error} />
      ) : (
        <pre className="code-block">{JSON.stringify(detail.data.delivery.payload, null, 2)}</pre>
      )}
    </div>
  );
}
