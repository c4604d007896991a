'use client';

import { type FormEvent, useState } from 'react';

import { signInWithPassword } from '@/components/auth/sign-in-with-password';
import { ApiError } from '@/components/query/api';
import { endpoints } from '@/components/query/endpoints';
import { Field } from '@/components/ui/field';

export function SetupForm() {
  const [form, setForm] = useState({ email: '', name: '', password: '', confirm: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [pending, setPending] = useState(false);
  const set = (key: keyof typeof form) => (value: string) => setForm((f) => ({ ...f, [key]: value }));

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (form.password !== form.confirm) {
      setErrors({ confirm: 'The two passwords differ.' });
      return;
    }
    setPending(true);
    setErrors({});
    try {
      await endpoints.admins.setup({ email: form.email, name: form.name || undefined, password: form.password });
      const result = await signInWithPassword(form.email, form.password);
      window.location.assign(result.ok ? '/signals' : '/signin');
    } catch (error) {
      setPending(false);
      if (error instanceof ApiError && error.issues.length) {
        setErrors(Object.fromEntries(error.issues.map((i) => [i.path, i.message])));
      } else {
        setErrors({ form: error instanceof Error ? error.message : 'Setup failed.' });
      }
    }
  };

  return (
    <form onSubmit={onSubmit} noValidate>
      {errors.form ? (
        <p className="alert alert-error" role="alert">
          {errors.form}
        </p>
      ) : null}
      <Field
        id="setup-email"
        label="Email"
        type="email"
        autoComplete="username"
        value={form.email}
        onChange={(e) => set('email')(e.target.value)}
        error={errors.email}
        required
        autoFocus
      />
      <Field
        id="setup-name"
        label="Name (optional)"
        value={form.name}
        onChange={(e) => set('name')(e.target.value)}
        error={errors.name}
      />
      <Field
        id="setup-password"
        label="Password"
        type="password"
        autoComplete="new-password"
        hint="At least 12 characters."
        value={form.password}
        onChange={(e) => set('password')(e.target.value)}
        error={errors.password}
        required
      />
      <Field
        id="setup-confirm"
        label="Confirm password"
        type="password"
        autoComplete="new-password"
        value={form.confirm}
        onChange={(e) => set('confirm')(e.target.value)}
        error={errors.confirm}
        required
      />
      <button type="submit" className="btn btn-primary" disabled={pending}>
        {pending ? 'Creating…' : 'Create owner account'}
      </button>
    </form>
  );
}
