import type { Metadata } from 'next';
import { redirect } from 'next/navigation';

import { PageHeader } from '@/components/shell/page-header';
import { hasRole } from '@/lib/admins/roles';
import { smtpConfigured } from '@/lib/delivery/mailer';

import { loadPageContext, type PageSearchParams } from '../../page-context';
import { withEnvironment } from '../../search-params';
import { NewConnectionClient } from './client';

export const metadata: Metadata = { title: 'New connection' };

export default async function NewConnectionPage({ searchParams }: { searchParams: PageSearchParams }) {
  const { admin, environment, envParam } = await loadPageContext('/connections/new', searchParams);
  // Viewers cannot create connections: back to the list, which says so.
  if (!hasRole(admin.role, 'admin')) redirect(withEnvironment('/connections', envParam));
  return (
    <>
      <PageHeader
        title="New connection"
        description={`Notify a webhook, a Slack channel or email recipients of events in ${environment.name}.`}
      />
      <NewConnectionClient environmentSlug={environment.slug} envParam={envParam} smtpConfigured={smtpConfigured()} />
    </>
  );
}
