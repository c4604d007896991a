'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';

import { ApiError } from '@/components/query/api';
import { type CreateWriteKeyBody, endpoints, type WriteKey } from '@/components/query/endpoints';
import { queryKeys } from '@/components/query/keys';
import { ConfirmDeleteDialog } from '@/components/ui/confirm-dialog';
import { CopyButton } from '@/components/ui/copy-button';
import { Field } from '@/components/ui/field';
import { formatDateTime } from '@/components/ui/format';
import { QueryView } from '@/components/ui/query-view';
import { EmptyState } from '@/components/ui/states';
import { useConfirmDelete } from '@/components/ui/use-confirm-delete';

export function WriteKeysCard({ environment, canEdit }: { environment: { slug: string; name: string }; canEdit: boolean }) {
  const queryClient = useQueryClient();
  const keys = useQuery({
    queryKey: queryKeys.writeKeys(environment.slug),
    queryFn: () => endpoints.writeKeys.list(environment.slug).then((r) => r.writeKeys),
  });
  const [name, setName] = useState('');
  const [created, setCreated] = useState<{ name: string; key: string } | null>(null);

  const create = useMutation({
    mutationFn: (body: CreateWriteKeyBody) => endpoints.writeKeys.create(environment.slug, body),
    onSuccess: (result) => {
      setCreated({ name: result.writeKey.name, key: result.key });
      setName('');
      void queryClient.invalidateQueries({ queryKey: queryKeys.writeKeys(environment.slug) });
    },
  });
  const revoke = useConfirmDelete({
    remove: (key: WriteKey) => endpoints.writeKeys.revoke(environment.slug, key.id),
    onDeleted: () => void queryClient.invalidateQueries({ queryKey: queryKeys.writeKeys(environment.slug) }),
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate({ name });
  };
  const createError = create.error instanceof ApiError ? create.error : null;

  return (
    <section className="card" aria-labelledby="write-keys-title">
      <div className="card-header">
        <h2 id="write-keys-title">Write keys for {environment.name}</h2>
      </div>
      <p className="muted">
        Host apps send events with a write key, as the basic-auth user (as Segment SDKs do) or as a bearer token. A key is shown
        once, when it is created; keep it in your app&apos;s secrets.
      </p>

      {created ? (
        <div className="secret-once" role="status" aria-live="polite">
          <strong>Copy the key “{created.name}” now: it will not be shown again.</strong>
          <code data-testid="new-write-key">{created.key}</code>
          <div className="form-row">
            <CopyButton key={created.key} text={created.key} />
            <button type="button" className="btn" onClick={() => setCreated(null)}>
              Done
            </button>
          </div>
        </div>
      ) : null}

      {canEdit ? (
        <form onSubmit={onSubmit} className="form-row" noValidate style={{ marginBottom: 16 }}>
          <Field
            id="write-key-name"
            label="New key name"
            placeholder="e.g. Backend server"
            value={name}
            onChange={(e) => setName(e.target.value)}
            error={createError?.issueFor('name') ?? (createError && !createError.issues.length ? createError.message : undefined)}
            maxLength={60}
            required
          />
          <button type="submit" className="btn btn-primary" disabled={create.isPending}>
            {create.isPending ? 'Creating…' : 'Create write key'}
          </button>
        </form>
      ) : (
        <p className="alert alert-info">Viewers can see keys but not create or revoke them.</p>
      )}

      <QueryView query={keys} loadingLabel="Loading write keys">
        {(list) =>
          list.length === 0 ? (
            <EmptyState title="No write keys yet">Create one to start sending events to {environment.name}.</EmptyState>
          ) : (
            <table className="table" aria-label="Write keys">
              <thead>
                <tr>
                  <th>Name</th>
                  <th>Key</th>
                  <th>Created</th>
                  <th>Last used</th>
                  <th>Status</th>
                  {canEdit ? <th aria-label="Actions" /> : null}
                </tr>
              </thead>
              <tbody>
                {list.map((key) => (
                  <tr key={key.id}>
                    <td>{key.name}</td>
                    <td>
                      <code>{key.prefix}…</code>
                    </td>
                    <td>{formatDateTime(key.createdAt)}</td>
                    <td>{formatDateTime(key.lastUsedAt, 'never')}</td>
                    <td>
                      {key.revokedAt ? (
                        <span className="badge badge-danger">Revoked {formatDateTime(key.revokedAt)}</span>
                      ) : (
                        <span className="badge">Active</span>
                      )}
                    </td>
                    {canEdit ? (
                      <td>
                        {key.revokedAt ? null : (
                          <button type="button" className="btn btn-danger" onClick={() => revoke.ask(key)}>
                            Revoke
                          </button>
                        )}
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </QueryView>

      <ConfirmDeleteDialog confirm={revoke} title={`Revoke “${revoke.target?.name ?? ''}”?`} confirmLabel="Revoke key">
        <p>Events sent with this key will be refused from now on. This cannot be undone.</p>
      </ConfirmDeleteDialog>
    </section>
  );
}
