import type { Metadata } from 'next';
import { redirect } from 'next/navigation';

import { safeCallbackUrl } from '@/lib/auth/callback-url';
import { getCurrentAdmin, setupIsNeeded } from '@/lib/auth/session';
import { getEnv, oidcConfigured } from '@/lib/env';

import { SignInForm } from './client';

export const metadata: Metadata = { title: 'Sign in' };

const errors: Record<string, string> = {
  CredentialsSignin: 'That email and password do not match an account.',
  AccessDenied: 'Your single sign-on account is not on this team. Ask an admin to add your email.',
  SessionRequired: 'Sign in to continue.',
  TooManyAttempts: 'Too many failed sign-ins. Wait a few minutes and try again.',
  Unavailable: 'Signing in is not possible right now. Try again shortly.',
};

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const callbackUrl = safeCallbackUrl(params.callbackUrl);
  if (await setupIsNeeded()) redirect('/setup');
  if (await getCurrentAdmin()) redirect(callbackUrl);
  const env = getEnv();
  const errorCode = typeof params.error === 'string' ? params.error : undefined;
  return (
    <main className="auth-page">
      <div className="card auth-card">
        <div className="brand">Signalboard</div>
        <p className="muted">Sign in to the back office.</p>
        <SignInForm
          callbackUrl={callbackUrl}
          initialError={errorCode ? (errors[errorCode] ?? 'Sign-in failed. Try again.') : undefined}
          sso={oidcConfigured(env) ? { name: env.OIDC_NAME } : undefined}
        />
      </div>
    </main>
  );
}
