import type { Metadata } from 'next';
import { PageHeader } from '@/components/shell/page-header';
import { NotYetAvailable } from '@/components/shell/not-yet-available';
import { requirePageAdmin } from '@/lib/auth/page-guard';
import { environmentForPage } from '@/lib/environments/page-environment';
import { loadEnvironmentParam } from '../search-params';

export const metadata: Metadata = { title: 'Accounts' };

export default async function AccountsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePageAdmin('/accounts');
  const { env } = await loadEnvironmentParam(searchParams);
  const environment = await environmentForPage(env);
  return (
    <>
      <PageHeader title="Accounts" description={`The tenants your product reports in ${environment.name}.`} />
      <NotYetAvailable feature="Accounts" description="Accounts appear here as soon as events that name them are ingested." />
    </>
  );
}
