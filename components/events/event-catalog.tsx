'use client';

import { useQuery } from '@tanstack/react-query';

import { endpoints } from '@/components/query/endpoints';
import { queryKeys } from '@/components/query/keys';
import { formatDateTime } from '@/components/ui/format';
import { QueryView } from '@/components/ui/query-view';

export function useEventCatalog(environmentSlug: string) {
  return useQuery({
    queryKey: queryKeys.eventCatalog(environmentSlug),
    queryFn: () => endpoints.events.catalog(environmentSlug).then((r) => r.catalog),
    refetchInterval: 15_000,
  });
}

/** The built-in Frontegg catalog, grouped as Frontegg groups it, then every other event seen here. */
export function EventCatalog({
  catalog,
  onPick,
}: {
  catalog: ReturnType<typeof useEventCatalog>;
  onPick: (name: string) => void;
}) {
  return (
    <section className="card" aria-labelledby="catalog-title">
      <div className="card-header">
        <h2 id="catalog-title">Event catalog</h2>
      </div>
      <p className="muted">Frontegg&apos;s events are built in; any other event name is accepted and listed here once seen.</p>
      <QueryView query={catalog} loadingLabel="Loading the catalog">
        {(rows) => {
          const groups = [...new Set(rows.map((r) => r.group))];
          return groups.map((group) => (
            <table key={group} className="table" aria-label={group} style={{ marginBottom: 16 }}>
              <thead>
                <tr>
                  <th style={{ width: '34%' }}>{group}</th>
                  <th>Description</th>
                  <th style={{ width: 90 }}>Count</th>
                  <th style={{ width: 170 }}>Last seen</th>
                </tr>
              </thead>
              <tbody>
                {rows
                  .filter((r) => r.group === group)
                  .map((r) => (
                    <tr key={r.key}>
                      <td>
                        <button
                          type="button"
                          className="btn-link"
                          onClick={() => onPick(r.key)}
                          title="Show these events in the live tail"
                        >
                          <code>{r.key}</code>
                        </button>
                        {r.title ? <div className="muted">{r.title}</div> : null}
                      </td>
                      <td>{r.description ?? <span className="muted">Custom event</span>}</td>
                      <td>{r.total.toLocaleString()}</td>
                      <td>{formatDateTime(r.lastSeenAt, 'never')}</td>
                    </tr>
                  ))}
              </tbody>
            </table>
          ));
        }}
      </QueryView>
    </section>
  );
}
