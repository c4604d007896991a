import type { Metadata } from 'next';

import { PageHeader } from '@/components/shell/page-header';

import { loadPageContext, type PageSearchParams } from '../page-context';
import { AccountsClient } from './client';

export const metadata: Metadata = { title: 'Accounts' };

export default async function AccountsPage({ searchParams }: { searchParams: PageSearchParams }) {
  const { environment } = await loadPageContext('/accounts', searchParams);
  return (
    <>
      <PageHeader
        title="Accounts"
        description={`The tenants of your product in ${environment.name}, most recently active first.`}
      />
      <AccountsClient environment={{ slug: environment.slug, name: environment.name }} />
    </>
  );
}
