'use client';

import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';

import { ApiError } from '@/components/query/api';
import { endpoints } from '@/components/query/endpoints';

export function RenameEnvironmentForm(props: {
  environment: { slug: string; name: string };
  onDone: () => void;
  onRenamed: () => void;
}) {
  const [name, setName] = useState(props.environment.name);
  const rename = useMutation({
    mutationFn: () => endpoints.environments.rename(props.environment.slug, { name }),
    onSuccess: () => {
      props.onRenamed();
      props.onDone();
    },
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    rename.mutate();
  };
  const error = rename.error instanceof ApiError ? (rename.error.issueFor('name') ?? rename.error.message) : null;
  return (
    <form onSubmit={onSubmit} className="form-row" noValidate>
      <input
        aria-label={`New name for ${props.environment.name}`}
        value={name}
        onChange={(e) => setName(e.target.value)}
        aria-invalid={error ? true : undefined}
        maxLength={60}
        autoFocus
        onKeyDown={(e) => e.key === 'Escape' && props.onDone()}
      />
      <button type="submit" className="btn btn-primary" disabled={rename.isPending}>
        Save
      </button>
      <button type="button" className="btn" onClick={props.onDone}>
        Cancel
      </button>
      {error ? (
        <span className="field-error" role="alert">
          {error}
        </span>
      ) : null}
    </form>
  );
}
