'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';

import { ConnectionForm } from '@/components/connections/connection-form';
import { DeliveryLog } from '@/components/connections/delivery-log';
import { TestSendPanel } from '@/components/connections/test-send-panel';
import { connectionTarget, kindLabel } from '@/components/connections/types';
import { isNotFound, retryUnlessNotFound } from '@/components/query/api';
import { type Connection, endpoints } from '@/components/query/endpoints';
import { queryKeys } from '@/components/query/keys';
import { envSuffix } from '@/components/shell/env-suffix';
import { PageHeader } from '@/components/shell/page-header';
import { ConfirmDeleteDialog } from '@/components/ui/confirm-dialog';
import { formatDateTime } from '@/components/ui/format';
import { QueryView } from '@/components/ui/query-view';
import { EmptyState, ErrorState } from '@/components/ui/states';
import { useConfirmDelete } from '@/components/ui/use-confirm-delete';

export function ConnectionClient({
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
    queryKey: queryKeys.connection(environmentSlug, id),
    queryFn: () => endpoints.connections.get(environmentSlug, id).then((r) => r.connection),
    retry: retryUnlessNotFound,
  });
  const [editing, setEditing] = useState(false);
  const [rotated, setRotated] = useState<string | null>(null);
  const refresh = (connection: Connection) => {
    queryClient.setQueryData(queryKeys.connection(environmentSlug, id), connection);
    void queryClient.invalidateQueries({ queryKey: queryKeys.connections(environmentSlug) });
  };
  const toggle = useMutation({
    mutationFn: (enabled: boolean) => endpoints.connections.update(environmentSlug, id, { enabled }),
    onSuccess: (r) => {
      refresh(r.connection);
      // The banner of connections Signalboard turned off is drawn by the server in the layout.
      router.refresh();
    },
  });
  const rotate = useMutation({
    mutationFn: () => endpoints.connections.rotateSecret(environmentSlug, id),
    onSuccess: (r) => {
      refresh(r.connection);
      setRotated(r.secret);
    },
  });
  const remove = useConfirmDelete({
    remove: (connectionId: string) => endpoints.connections.remove(environmentSlug, connectionId),
    onDeleted: () => {
      // The list only: refetching the deleted connection would flash "Connection not found" before leaving.
      void queryClient.invalidateQueries({ queryKey: queryKeys.connections(environmentSlug), exact: true });
      router.push(`/connections${suffix}`);
      router.refresh();
    },
    keepOpen: true,
  });

  if (query.isError && isNotFound(query.error)) {
    return (
      <EmptyState title="Connection not found" action={<Link href={`/connections${suffix}`}>Back to connections</Link>}>
        It may have been deleted, or it belongs to another environment.
      </EmptyState>
    );
  }
  return (
    <QueryView query={query} loadingLabel="Loading the connection">
      {(c) => (
        <>
          <PageHeader
            title={c.name}
            description={
              <>
                {kindLabel[c.kind]} · <span className="mono">{connectionTarget(c)}</span>
              </>
            }
            actions={
              <Link className="btn" href={`/connections${suffix}`}>
                All connections
              </Link>
            }
          />
          {!c.enabled && c.disabledReason ? (
            <div className="alert alert-warn" role="alert">
              Signalboard turned this connection off on {formatDateTime(c.disabledAt)}: {c.disabledReason}. Fix the receiver, then
              turn it back on; failed deliveries can be sent again from the log.
            </div>
          ) : null}
          {c.enabled && c.failingSince ? (
            <div className="alert alert-warn" role="status">
              Every delivery has failed since {formatDateTime(c.failingSince)}. After five days of failures the connection is
              turned off.
            </div>
          ) : null}
          <section className="card" aria-labelledby="settings-title">
            <div className="card-header">
              <h2 id="settings-title">Settings</h2>
              {canEdit ? (
                <div className="form-row">
                  <button type="button" className="btn" onClick={() => toggle.mutate(!c.enabled)} disabled={toggle.isPending}>
                    {c.enabled ? 'Turn off' : 'Turn on'}
                  </button>
                  <button type="button" className="btn" onClick={() => setEditing(!editing)} aria-expanded={editing}>
                    {editing ? 'Cancel editing' : 'Edit'}
                  </button>
                  {c.kind === 'webhook' ? (
                    <button type="button" className="btn" onClick={() => rotate.mutate()} disabled={rotate.isPending}>
                      {rotate.isPending ? 'Rotating…' : 'Rotate secret'}
                    </button>
                  ) : null}
                  <button type="button" className="btn btn-danger" onClick={() => remove.ask(id)}>
                    Delete
                  </button>
                </div>
              ) : null}
            </div>
            {toggle.error ? <ErrorState error={toggle.error} /> : null}
            {rotate.error ? <ErrorState error={rotate.error} /> : null}
            {rotated ? (
              <div className="secret-once" role="status" aria-live="polite">
                <strong>Copy the new signing secret now: it will not be shown again.</strong>
                <code data-testid="rotated-secret">{rotated}</code>
                <p className="muted">
                  For 24 hours deliveries are signed with both the old and the new secret, so receivers can switch without losing
                  any.
                </p>
                <button type="button" className="btn" onClick={() => setRotated(null)}>
                  Done
                </button>
              </div>
            ) : null}
            {editing ? (
              <ConnectionForm
                environmentSlug={environmentSlug}
                initial={c}
                onSaved={(saved) => {
                  refresh(saved.connection);
                  setEditing(false);
                }}
              />
            ) : (
              <dl className="facts">
                <dt>Status</dt>
                <dd>{c.enabled ? 'On' : 'Off'}</dd>
                <dt>Triggers</dt>
                <dd>
                  {c.eventKeys.map((k) => (
                    <code key={k} className="chip">
                      {k}
                    </code>
                  ))}
                </dd>
                {c.kind === 'webhook' ? (
                  <>
                    <dt>Extra headers</dt>
                    <dd>{c.headerNames.length ? c.headerNames.join(', ') : 'none'}</dd>
                    <dt>Signing</dt>
                    <dd>
                      Standard Webhooks and x-webhook-secret
                      {c.previousSecretExpiresAt
                        ? ` · the previous secret also signs until ${formatDateTime(c.previousSecretExpiresAt)}`
                        : ''}
                    </dd>
                  </>
                ) : null}
                <dt>Created</dt>
                <dd>{formatDateTime(c.createdAt)}</dd>
              </dl>
            )}
          </section>
          <TestSendPanel environmentSlug={environmentSlug} connection={c} canEdit={canEdit} />
          <section className="card" aria-labelledby="log-title">
            <div className="card-header">
              <h2 id="log-title">Deliveries</h2>
            </div>
            <DeliveryLog
              environmentSlug={environmentSlug}
              connectionId={c.id}
              filters={{ status: '', trigger: '', since: '' }}
              canEdit={canEdit}
            />
          </section>
          <ConfirmDeleteDialog confirm={remove} title={`Delete “${c.name}”?`} confirmLabel="Delete connection">
            <p>Its delivery log goes with it, and pending deliveries are never sent. This cannot be undone.</p>
          </ConfirmDeleteDialog>
        </>
      )}
    </QueryView>
  );
}
