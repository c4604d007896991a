import type { Metadata } from 'next';
import Link from 'next/link';

import { PageHeader } from '@/components/shell/page-header';
import { hasRole } from '@/lib/admins/roles';

import { loadPageContext, type PageSearchParams } from '../page-context';
import { withEnvironment } from '../search-params';
import { ConnectionsClient } from './client';

export const metadata: Metadata = { title: 'Connections' };

export default async function ConnectionsPage({ searchParams }: { searchParams: PageSearchParams }) {
  const { admin, environment, envParam } = await loadPageContext('/connections', searchParams);
  const canEdit = hasRole(admin.role, 'admin');
  return (
    <>
      <PageHeader
        title="Connections"
        description={`Webhooks, Slack channels and email recipients notified of events in ${environment.name}.`}
        actions={
          <>
            <Link className="btn" href={withEnvironment('/connections/deliveries', envParam)}>
              Delivery log
            </Link>
            {canEdit ? (
              <Link className="btn btn-primary" href={withEnvironment('/connections/new', envParam)}>
                New connection
              </Link>
            ) : null}
          </>
        }
      />
      <ConnectionsClient environmentSlug={environment.slug} envParam={envParam} canEdit={canEdit} />
    </>
  );
}
