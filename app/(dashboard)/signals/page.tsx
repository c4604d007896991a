import type { Metadata } from 'next';

import { PageHeader } from '@/components/shell/page-header';
import { hasRole } from '@/lib/admins/roles';

import { loadPageContext, type PageSearchParams } from '../page-context';
import { SignalsClient } from './client';

export const metadata: Metadata = { title: 'Signals' };

export default async function SignalsPage({ searchParams }: { searchParams: PageSearchParams }) {
  const { admin, environment } = await loadPageContext('/signals', searchParams);
  return (
    <>
      <PageHeader title="Signals" description={`Risk for abandonment and engagement level per account in ${environment.name}.`} />
      <SignalsClient environment={{ slug: environment.slug, name: environment.name }} canEdit={hasRole(admin.role, 'admin')} />
    </>
  );
}
