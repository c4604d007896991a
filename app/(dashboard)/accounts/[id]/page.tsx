import type { Metadata } from 'next';
import Link from 'next/link';

import { PageHeader } from '@/components/shell/page-header';

import { loadPageContext, type PageSearchParams } from '../../page-context';
import { withEnvironment } from '../../search-params';
import { AccountClient } from './client';

export const metadata: Metadata = { title: 'Account' };

export default async function AccountPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: PageSearchParams;
}) {
  const { id } = await params;
  const accountId = decodeURIComponent(id);
  const { environment, envParam } = await loadPageContext(`/accounts/${encodeURIComponent(accountId)}`, searchParams);
  return (
    <>
      <PageHeader
        title={accountId}
        description={`Account in ${environment.name}.`}
        actions={<Link href={withEnvironment('/accounts', envParam)}>← All accounts</Link>}
      />
      <AccountClient environment={{ slug: environment.slug, name: environment.name }} accountId={accountId} />
    </>
  );
}
