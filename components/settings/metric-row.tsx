'use client';

import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';

import { ApiError } from '@/components/query/api';
import { endpoints, type Metric } from '@/components/query/endpoints';

/** Which event keys count toward a metric, as a comma-separated list ('x*' matches by prefix). */
export function MetricRow({
  environmentSlug,
  metric,
  canEdit,
  onSaved,
}: {
  environmentSlug: string;
  metric: Metric;
  canEdit: boolean;
  onSaved: () => void;
}) {
  const [keys, setKeys] = useState(metric.eventKeys.join(', '));
  const list = () =>
    keys
      .split(',')
      .map((k) => k.trim())
      .filter(Boolean);
  const save = useMutation({
    mutationFn: (eventKeys: string[]) => endpoints.metrics.update(environmentSlug, metric.key, { eventKeys }),
    // The field shows the list as saved; the row stays mounted (keyed by metric), so "Saved" stays too.
    onSuccess: (_, eventKeys) => {
      setKeys(eventKeys.join(', '));
      onSaved();
    },
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(list());
  };
  const error = save.error instanceof ApiError ? save.error.message : null;
  return (
    <tr>
      <td>
        <strong>{metric.name}</strong>
        <div className="muted">{metric.description}</div>
      </td>
      <td>
        <form onSubmit={onSubmit} className="form-row" noValidate>
          <input
            aria-label={`Event keys of ${metric.name}`}
            value={keys}
            onChange={(e) => {
              setKeys(e.target.value);
              save.reset();
            }}
            disabled={!canEdit}
            style={{ minWidth: 320, flex: 1 }}
            aria-invalid={error ? true : undefined}
          />
          {canEdit ? (
            <button type="submit" className="btn" disabled={save.isPending}>
              {save.isPending ? 'Saving…' : 'Save'}
            </button>
          ) : null}
          {save.isSuccess && !save.isPending ? (
            <span className="muted" role="status">
              Saved
            </span>
          ) : null}
          {error ? (
            <span className="field-error" role="alert">
              {error}
            </span>
          ) : null}
        </form>
      </td>
    </tr>
  );
}
