'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';

import { ApiError } from '@/components/query/api';
import { endpoints } from '@/components/query/endpoints';
import { queryKeys } from '@/components/query/keys';
import { Field } from '@/components/ui/field';
import { QueryView } from '@/components/ui/query-view';
import { ErrorState } from '@/components/ui/states';

/** Receiving Frontegg's webhooks: the URL to give Frontegg and the secret it signs with. */
export function FronteggCard({
  environment,
  origin,
  canEdit,
}: {
  environment: { slug: string; name: string };
  origin: string;
  canEdit: boolean;
}) {
  const queryClient = useQueryClient();
  const status = useQuery({
    queryKey: queryKeys.fronteggSecret(environment.slug),
    queryFn: () => endpoints.frontegg.status(environment.slug),
  });
  const [secret, setSecret] = useState('');
  const refresh = () => void queryClient.invalidateQueries({ queryKey: queryKeys.fronteggSecret(environment.slug) });
  const save = useMutation({
    mutationFn: () => endpoints.frontegg.setSecret(environment.slug, { secret }),
    onSuccess: () => {
      setSecret('');
      refresh();
    },
  });
  const clear = useMutation({ mutationFn: () => endpoints.frontegg.clearSecret(environment.slug), onSuccess: refresh });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  const error = save.error instanceof ApiError ? save.error : null;
  const receiver = endpoints.frontegg.receiverUrl(origin, environment.slug);

  return (
    <section className="card" aria-labelledby="frontegg-title">
      <div className="card-header">
        <h2 id="frontegg-title">Frontegg webhooks for {environment.name}</h2>
      </div>
      <p className="muted">
        Already on Frontegg? In its portal, add a webhook with every event, this URL, and a secret key; enter the same secret
        here. Its events then arrive here with no code.
      </p>
      <pre className="code-block" aria-label="Receiver URL">
        {receiver}
      </pre>
      <QueryView query={status} loadingLabel="Loading the Frontegg settings">
        {({ configured }) => (
          <>
            <p>
              {configured ? (
                <span className="badge">Secret set</span>
              ) : (
                <span className="badge badge-muted">No secret yet: webhooks are refused</span>
              )}
            </p>
            {canEdit ? (
              <form onSubmit={onSubmit} className="form-row" noValidate>
                <Field
                  id="frontegg-secret"
                  label={configured ? 'Replace the secret' : 'Secret key'}
                  type="password"
                  autoComplete="off"
                  value={secret}
                  onChange={(e) => setSecret(e.target.value)}
                  error={error?.issueFor('secret') ?? (error && !error.issues.length ? error.message : undefined)}
                />
                <button type="submit" className="btn btn-primary" disabled={save.isPending}>
                  {save.isPending ? 'Saving…' : 'Save secret'}
                </button>
                {configured ? (
                  <button type="button" className="btn btn-danger" onClick={() => clear.mutate()} disabled={clear.isPending}>
                    Remove secret
                  </button>
                ) : null}
              </form>
            ) : null}
            {clear.error ? <ErrorState error={clear.error} /> : null}
          </>
        )}
      </QueryView>
    </section>
  );
}
