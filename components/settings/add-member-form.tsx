'use client';

import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';

import { ApiError } from '@/components/query/api';
import { type CreateAdminBody, endpoints } from '@/components/query/endpoints';
import { Field } from '@/components/ui/field';

type Role = CreateAdminBody['role'];
const emptyForm: { email: string; name: string; password: string; role: Role } = {
  email: '',
  name: '',
  password: '',
  role: 'viewer',
};

export function AddMemberForm({
  canAddOwner,
  ssoEnabled,
  onAdded,
}: {
  canAddOwner: boolean;
  ssoEnabled: boolean;
  onAdded: () => void;
}) {
  const [form, setForm] = useState(emptyForm);
  const add = useMutation({
    mutationFn: () =>
      endpoints.admins.create({
        email: form.email,
        name: form.name || undefined,
        role: form.role,
        password: form.password || undefined,
      }),
    onSuccess: () => {
      setForm(emptyForm);
      onAdded();
    },
  });
  const set = (key: Exclude<keyof typeof emptyForm, 'role'>) => (value: string) => setForm((f) => ({ ...f, [key]: value }));
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    add.mutate();
  };
  const error = add.error instanceof ApiError ? add.error : null;
  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby="add-member-title">
      <h2 id="add-member-title">Add a team member</h2>
      <div className="form-grid">
        <Field
          id="member-email"
          label="Email"
          type="email"
          value={form.email}
          onChange={(e) => set('email')(e.target.value)}
          error={error?.issueFor('email')}
          required
        />
        <Field
          id="member-name"
          label="Name (optional)"
          value={form.name}
          onChange={(e) => set('name')(e.target.value)}
          error={error?.issueFor('name')}
        />
        <Field
          id="member-password"
          label={ssoEnabled ? 'Password (optional with SSO)' : 'Initial password'}
          type="password"
          autoComplete="new-password"
          value={form.password}
          onChange={(e) => set('password')(e.target.value)}
          error={error?.issueFor('password')}
          hint="At least 12 characters. Share it with them privately."
        />
        <div className="field">
          <label htmlFor="member-role">Role</label>
          <select id="member-role" value={form.role} onChange={(e) => setForm((f) => ({ ...f, role: e.target.value as Role }))}>
            <option value="viewer">Viewer — reads everything, changes nothing</option>
            <option value="admin">Admin — also changes settings and the team</option>
            {canAddOwner ? <option value="owner">Owner — also manages owners</option> : null}
          </select>
        </div>
      </div>
      {error && !error.issues.length ? (
        <p className="alert alert-error" role="alert">
          {error.message}
        </p>
      ) : null}
      <button type="submit" className="btn btn-primary" disabled={add.isPending} style={{ marginTop: 4 }}>
        {add.isPending ? 'Adding…' : 'Add member'}
      </button>
    </form>
  );
}
