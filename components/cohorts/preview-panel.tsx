'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';

import { ApiError } from '@/components/query/api';
import { type CohortFilter, endpoints } from '@/components/query/endpoints';
import { queryKeys } from '@/components/query/keys';
import { formatDateTime } from '@/components/ui/format';
import { Spinner } from '@/components/ui/states';

/** Who matches the filter being edited: count and first members, refreshed 500 ms after the last change. */
export function PreviewPanel({ environmentSlug, filter }: { environmentSlug: string; filter: CohortFilter }) {
  const json = JSON.stringify(filter);
  const [debounced, setDebounced] = useState(json);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(json), 500);
    return () => clearTimeout(timer);
  }, [json]);
  const preview = useQuery({
    queryKey: queryKeys.cohortPreview(environmentSlug, debounced),
    queryFn: () => endpoints.cohorts.preview(environmentSlug, { filter: JSON.parse(debounced) as CohortFilter }),
    placeholderData: keepPreviousData,
    retry: false,
  });
  const stale = preview.isFetching || debounced !== json;
  return (
    <section className="card preview" aria-labelledby="preview-title" aria-busy={stale}>
      <div className="card-header">
        <h2 id="preview-title">Preview</h2>
        {stale ? <Spinner label="Updating" /> : null}
      </div>
      {preview.isError ? (
        <div className="alert alert-error" role="alert">
          {preview.error instanceof ApiError && preview.error.issues.length
            ? `Fix the filter: ${preview.error.issues.map((i) => `${i.path.replace(/^filter\.root\./, '')}: ${i.message}`).join('; ')}`
            : preview.error.message}
        </div>
      ) : null}
      {preview.data ? (
        <>
          <p>
            <strong data-testid="preview-count">{preview.data.count.toLocaleString('en')}</strong>{' '}
            {filter.entity === 'users' ? 'users' : 'accounts'} match now <span className="muted">({preview.data.ms} ms)</span>
          </p>
          {preview.data.members.length ? (
            <table className="table" aria-label="Matching members">
              <thead>
                <tr>
                  <th>Id</th>
                  <th>Last seen</th>
                  <th>Traits</th>
                </tr>
              </thead>
              <tbody>
                {preview.data.members.map((m) => (
                  <tr key={m.id}>
                    <td>
                      <code>{m.id}</code>
                    </td>
                    <td>{formatDateTime(m.lastSeenAt)}</td>
                    <td className="truncate">{JSON.stringify(m.traits)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
        </>
      ) : !preview.isError ? (
        <Spinner label="Counting members" />
      ) : null}
    </section>
  );
}
