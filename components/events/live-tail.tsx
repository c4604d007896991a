'use client';

import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';

import { endpoints } from '@/components/query/endpoints';
import { queryKeys } from '@/components/query/keys';
import { formatDateTime } from '@/components/ui/format';
import { QueryView } from '@/components/ui/query-view';
import { EmptyState } from '@/components/ui/states';

import type { EventFilters } from './event-filters';
import { FirstEventHelp } from './first-event-help';

const REFRESH_MS = 3_000;

export function LiveTail({
  environmentSlug,
  filters,
  origin,
}: {
  environmentSlug: string;
  filters: EventFilters;
  origin: string;
}) {
  const [paused, setPaused] = useState(false);
  const query = useInfiniteQuery({
    queryKey: queryKeys.recentEvents(environmentSlug, filters),
    queryFn: ({ pageParam }) =>
      endpoints.events.recent(environmentSlug, { ...filters, limit: '50', before: pageParam || undefined }),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
    refetchInterval: paused ? false : REFRESH_MS,
  });
  const filtered = Boolean(filters.name || filters.account || filters.user);

  return (
    <section className="card" aria-labelledby="tail-title">
      <div className="card-header">
        <h2 id="tail-title">
          <span className={`live-dot${paused ? ' paused' : ''}`} aria-hidden="true" />
          Live tail
        </h2>
        <button type="button" className="btn" onClick={() => setPaused((p) => !p)} aria-pressed={paused}>
          {paused ? 'Resume' : 'Pause'}
        </button>
      </div>
      <p className="muted">{paused ? 'Paused.' : `Newest first; refreshes every ${REFRESH_MS / 1000} seconds.`}</p>
      <QueryView query={query} loadingLabel="Loading events">
        {(data) => {
          const rows = data.pages.flatMap((p) => p.events);
          if (rows.length === 0) {
            return filtered ? (
              <EmptyState title="No events match these filters">Clear a filter, or wait for new events to arrive.</EmptyState>
            ) : (
              <FirstEventHelp environmentSlug={environmentSlug} origin={origin} />
            );
          }
          return (
            <>
              <table className="table" aria-label="Recent events">
                <thead>
                  <tr>
                    <th>Happened</th>
                    <th>Received</th>
                    <th>Event</th>
                    <th>Account</th>
                    <th>User</th>
                    <th>Properties</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((e) => (
                    <tr key={`${e.accountId}|${e.messageId}`}>
                      <td>{formatDateTime(e.timestamp)}</td>
                      <td className="muted">{formatDateTime(e.receivedAt)}</td>
                      <td>
                        <code>{e.name}</code>
                      </td>
                      <td>{e.accountId || <span className="muted">none</span>}</td>
                      <td>{e.userId ?? (e.anonymousId ? <span className="muted">anon {e.anonymousId}</span> : '—')}</td>
                      <td>
                        {Object.keys(e.properties).length === 0 ? (
                          <span className="muted">—</span>
                        ) : (
                          <details>
                            <summary>{Object.keys(e.properties).length} properties</summary>
                            <pre className="properties">{JSON.stringify(e.properties, null, 2)}</pre>
                          </details>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {query.hasNextPage ? (
                <button
                  type="button"
                  className="btn"
                  onClick={() => void query.fetchNextPage()}
                  disabled={query.isFetchingNextPage}
                >
                  {query.isFetchingNextPage ? 'Loading…' : 'Load older events'}
                </button>
              ) : null}
            </>
          );
        }}
      </QueryView>
    </section>
  );
}
