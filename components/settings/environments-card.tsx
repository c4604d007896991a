'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRouter, useSearchParams } from 'next/navigation';
import { type FormEvent, useState } from 'react';

import { ApiError } from '@/components/query/api';
import { type CreateEnvironmentBody, endpoints, type Environment } from '@/components/query/endpoints';
import { queryKeys } from '@/components/query/keys';
import { ConfirmDeleteDialog } from '@/components/ui/confirm-dialog';
import { Field } from '@/components/ui/field';
import { QueryView } from '@/components/ui/query-view';
import { useConfirmDelete } from '@/components/ui/use-confirm-delete';

import { RenameEnvironmentForm } from './rename-environment-form';

export function EnvironmentsCard({ canEdit }: { canEdit: boolean }) {
  const router = useRouter();
  const viewing = useSearchParams().get('env');
  const queryClient = useQueryClient();
  const list = useQuery({
    queryKey: queryKeys.environments(),
    queryFn: () => endpoints.environments.list().then((r) => r.environments),
  });
  const [name, setName] = useState('');
  const [slug, setSlug] = useState('');
  const [renaming, setRenaming] = useState<string | null>(null);

  const changed = () => {
    void queryClient.invalidateQueries({ queryKey: queryKeys.environments() });
    // The header's environment switcher is rendered on the server.
    router.refresh();
  };
  const create = useMutation({
    mutationFn: (body: CreateEnvironmentBody) => endpoints.environments.create(body),
    onSuccess: () => {
      setName('');
      setSlug('');
      changed();
    },
  });
  const remove = useConfirmDelete({
    remove: (env: Environment) => endpoints.environments.remove(env.slug),
    onDeleted: (env) => {
      // The page showed the deleted environment: refreshed as it is, it would be "Not found".
      if (env.slug === viewing) router.replace('/settings');
      changed();
    },
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate({ name, ...(slug.trim() ? { slug: slug.trim() } : {}) });
  };
  const error = create.error instanceof ApiError ? create.error : null;

  return (
    <section className="card" aria-labelledby="environments-title">
      <div className="card-header">
        <h2 id="environments-title">Environments</h2>
      </div>
      <p className="muted">
        Production is the default view. Each environment has its own keys, events, signals and connections; nothing is copied
        between them.
      </p>
      <QueryView query={list} loadingLabel="Loading environments">
        {(environments) => (
          <table className="table" aria-label="Environments">
            <thead>
              <tr>
                <th>Name</th>
                <th>Slug</th>
                <th />
                {canEdit ? <th aria-label="Actions" /> : null}
              </tr>
            </thead>
            <tbody>
              {environments.map((env) => (
                <tr key={env.id}>
                  <td>
                    {renaming === env.slug ? (
                      <RenameEnvironmentForm environment={env} onDone={() => setRenaming(null)} onRenamed={changed} />
                    ) : (
                      env.name
                    )}
                  </td>
                  <td>
                    <code>{env.slug}</code>
                  </td>
                  <td>
                    {env.isDefault ? <span className="badge">Default</span> : null}{' '}
                    {env.builtIn ? <span className="badge badge-muted">Built in</span> : null}
                  </td>
                  {canEdit ? (
                    <td>
                      <div className="form-row">
                        {env.builtIn || renaming === env.slug ? null : (
                          <>
                            <button type="button" className="btn" onClick={() => setRenaming(env.slug)}>
                              Rename
                            </button>
                            <button type="button" className="btn btn-danger" onClick={() => remove.ask(env)}>
                              Delete
                            </button>
                          </>
                        )}
                      </div>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </QueryView>

      {canEdit ? (
        <form onSubmit={onSubmit} className="form-row" noValidate style={{ marginTop: 16 }}>
          <Field
            id="environment-name"
            label="New environment"
            placeholder="e.g. Staging"
            value={name}
            onChange={(e) => setName(e.target.value)}
            error={error?.issueFor('name') ?? (error && !error.issues.length ? error.message : undefined)}
            maxLength={60}
            required
          />
          <Field
            id="environment-slug"
            label="Slug (optional)"
            placeholder="staging"
            value={slug}
            onChange={(e) => setSlug(e.target.value)}
            error={error?.issueFor('slug')}
            maxLength={40}
          />
          <button type="submit" className="btn btn-primary" disabled={create.isPending}>
            {create.isPending ? 'Adding…' : 'Add environment'}
          </button>
        </form>
      ) : null}

      <ConfirmDeleteDialog confirm={remove} title={`Delete ${remove.target?.name ?? ''}?`} confirmLabel="Delete environment">
        <p>Its write keys, events, signals, cohorts and connections are deleted with it. This cannot be undone.</p>
      </ConfirmDeleteDialog>
    </section>
  );
}
