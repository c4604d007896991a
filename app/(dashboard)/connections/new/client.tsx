'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';

import { ConnectionForm } from '@/components/connections/connection-form';
import type { SavedConnection } from '@/components/query/endpoints';
import { envSuffix } from '@/components/shell/env-suffix';
import { CopyButton } from '@/components/ui/copy-button';

export function NewConnectionClient({
  environmentSlug,
  envParam,
  smtpConfigured,
}: {
  environmentSlug: string;
  envParam: string;
  smtpConfigured: boolean;
}) {
  const router = useRouter();
  const [created, setCreated] = useState<SavedConnection | null>(null);
  const suffix = envSuffix(envParam);

  if (created?.secret) {
    const secret = created.secret;
    return (
      <div className="card">
        <div className="secret-once" role="status" aria-live="polite">
          <strong>Copy the signing secret of “{created.connection.name}” now: it will not be shown again.</strong>
          <code data-testid="new-signing-secret">{secret}</code>
          <p className="muted">
            Receivers verify the <code>webhook-signature</code> header with it (Standard Webhooks) or the{' '}
            <code>x-webhook-secret</code> JWT (as Frontegg sends it). See the README&apos;s receiver guide.
          </p>
          <div className="form-row">
            <CopyButton text={secret} />
            <Link className="btn btn-primary" href={`/connections/${created.connection.id}${suffix}`}>
              Continue to the connection
            </Link>
          </div>
        </div>
      </div>
    );
  }
  return (
    <div className="card">
      <ConnectionForm
        environmentSlug={environmentSlug}
        smtpConfigured={smtpConfigured}
        onSaved={(saved) => {
          if (saved.secret) setCreated(saved);
          else router.push(`/connections/${saved.connection.id}${suffix}`);
        }}
      />
    </div>
  );
}
