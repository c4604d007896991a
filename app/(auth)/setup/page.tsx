import type { Metadata } from 'next';
import { redirect } from 'next/navigation';

import { setupIsNeeded } from '@/lib/auth/session';

import { SetupForm } from './client';

export const metadata: Metadata = { title: 'Set up' };

/** First run only: creates the owner. Once anyone exists it sends people to sign-in. */
export default async function SetupPage() {
  if (!(await setupIsNeeded())) redirect('/signin');
  return (
    <main className="auth-page">
      <div className="card auth-card">
        <div className="brand">Welcome to Signalboard</div>
        <p className="muted">Create the owner account. You can add the rest of your team afterwards in Settings → Team.</p>
        <SetupForm />
      </div>
    </main>
  );
}
