'use client';

import { signIn } from 'next-auth/react';
import { type FormEvent, useState } from 'react';

import { signInFailureMessage, signInWithPassword } from '@/components/auth/sign-in-with-password';
import { Field } from '@/components/ui/field';

export function SignInForm(props: { callbackUrl: string; initialError?: string; sso?: { name: string } }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState(props.initialError);
  const [pending, setPending] = useState(false);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (!email.trim() || !password) {
      setError('Enter your email and password.');
      return;
    }
    setPending(true);
    setError(undefined);
    const result = await signInWithPassword(email, password);
    if (result.ok) {
      // A full navigation, so the server renders the dashboard with the new session cookie.
      window.location.assign(props.callbackUrl);
      return;
    }
    setPending(false);
    setError(signInFailureMessage(result));
  };

  return (
    <>
      <form onSubmit={onSubmit} noValidate>
        {error ? (
          <p className="alert alert-error" role="alert">
            {error}
          </p>
        ) : null}
        <Field
          id="email"
          label="Email"
          type="email"
          autoComplete="username"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          required
          autoFocus
        />
        <Field
          id="password"
          label="Password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          required
        />
        <button type="submit" className="btn btn-primary" disabled={pending}>
          {pending ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
      {props.sso ? (
        <>
          <div className="divider">or</div>
          <button type="button" className="btn" onClick={() => void signIn('oidc', { callbackUrl: props.callbackUrl })}>
            Continue with {props.sso.name}
          </button>
        </>
      ) : null}
    </>
  );
}
