import type { Metadata } from 'next';
import Link from 'next/link';

import { PageHeader } from '@/components/shell/page-header';
import { hasRole } from '@/lib/admins/roles';

import { loadPageContext, type PageSearchParams } from '../../page-context';
import { withEnvironment } from '../../search-params';
import { DeliveriesClient } from './client';

export const metadata: Metadata = { title: 'Delivery log' };

export default async function DeliveriesPage({ searchParams }: { searchParams: PageSearchParams }) {
  const { admin, environment, envParam } = await loadPageContext('/connections/deliveries', searchParams);
  return (
    <>
      <PageHeader
        title="Delivery log"
        description={`Every message sent to the connections of ${environment.name}: status, attempts and what the receiver answered.`}
        actions={
          <Link className="btn" href={withEnvironment('/connections', envParam)}>
            Connections
          </Link>
        }
      />
      <DeliveriesClient environmentSlug={environment.slug} canEdit={hasRole(admin.role, 'admin')} />
    </>
  );
}
