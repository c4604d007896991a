import type { Metadata } from 'next';
import { PageHeader } from '@/components/shell/page-header';
import { NotYetAvailable } from '@/components/shell/not-yet-available';
import { loadPageContext, type PageSearchParams } from '../page-context';

export const metadata: Metadata = { title: 'Accounts' };

export default async function AccountsPage({ searchParams }: { searchParams: PageSearchParams }) {
  const { environment } = await loadPageContext('/accounts', searchParams);
  return (
    <>
      <PageHeader title="Accounts" description={`The tenants your product reports in ${environment.name}.`} />
      <NotYetAvailable feature="Accounts" description="Accounts appear here as soon as events that name them are ingested." />
    </>
  );
}
