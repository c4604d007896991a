'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';

import { type Cohort, endpoints } from '@/components/query/endpoints';
import { queryKeys } from '@/components/query/keys';
import { ErrorState } from '@/components/ui/states';

/** The Notifications column: attached connections, a "+" to attach another, × to detach. */
export function NotificationsCell({
  environmentSlug,
  cohort,
  canEdit,
}: {
  environmentSlug: string;
  cohort: Cohort;
  canEdit: boolean;
}) {
  const queryClient = useQueryClient();
  const [adding, setAdding] = useState(false);
  const [choice, setChoice] = useState('');
  const connections = useQuery({
    queryKey: queryKeys.connections(environmentSlug),
    queryFn: () => endpoints.connections.list(environmentSlug).then((r) => r.connections),
    enabled: adding,
  });
  const refresh = () => void queryClient.invalidateQueries({ queryKey: queryKeys.cohorts(environmentSlug) });
  const attach = useMutation({
    mutationFn: (connectionId: string) => endpoints.cohorts.attachConnection(environmentSlug, cohort.id, { connectionId }),
    onSuccess: () => {
      setAdding(false);
      setChoice('');
      refresh();
    },
  });
  const detach = useMutation({
    mutationFn: (connectionId: string) => endpoints.cohorts.detachConnection(environmentSlug, cohort.id, connectionId),
    onSuccess: refresh,
  });
  const attached = new Set(cohort.notifications.map((n) => n.connectionId));
  const available = (connections.data ?? []).filter((c) => !attached.has(c.id));
  return (
    <div className="notifications-cell">
      {cohort.notifications.map((n) => (
        <span key={n.connectionId} className="chip">
          {n.name} <span className="muted">({n.kind})</span>
          {canEdit ? (
            <button
              type="button"
              className="btn-link"
              aria-label={`Stop notifying ${n.name}`}
              onClick={() => detach.mutate(n.connectionId)}
            >
              ×
            </button>
          ) : null}
        </span>
      ))}
      {canEdit && !adding ? (
        <button type="button" className="btn" aria-label={`Add a notification to ${cohort.name}`} onClick={() => setAdding(true)}>
          +
        </button>
      ) : null}
      {adding ? (
        <span className="form-row">
          <label className="sr-only" htmlFor={`attach-${cohort.id}`}>
            Connection to notify
          </label>
          <select id={`attach-${cohort.id}`} value={choice} onChange={(e) => setChoice(e.target.value)}>
            <option value="">
              {connections.isPending
                ? 'Loading connections…'
                : connections.isError
                  ? 'Connections could not be loaded'
                  : available.length
                    ? 'Choose a connection'
                    : 'No other connections'}
            </option>
            {available.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name} ({c.kind})
              </option>
            ))}
          </select>
          <button
            type="button"
            className="btn btn-primary"
            disabled={!choice || attach.isPending}
            onClick={() => attach.mutate(choice)}
          >
            Attach
          </button>
          <button type="button" className="btn" onClick={() => setAdding(false)}>
            Cancel
          </button>
        </span>
      ) : null}
      {adding && connections.isError ? <ErrorState error={connections.error} onRetry={() => void connections.refetch()} /> : null}
      {attach.error ? <ErrorState error={attach.error} /> : null}
      {detach.error ? <ErrorState error={detach.error} /> : null}
    </div>
  );
}
