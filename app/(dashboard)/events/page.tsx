import type { Metadata } from 'next';
import { PageHeader } from '@/components/shell/page-header';
import { NotYetAvailable } from '@/components/shell/not-yet-available';
import { requirePageAdmin } from '@/lib/auth/page-guard';
import { environmentForPage } from '@/lib/environments/page-environment';
import { loadEnvironmentParam } from '../search-params';

export const metadata: Metadata = { title: 'Events' };

export default async function EventsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePageAdmin('/events');
  const { env } = await loadEnvironmentParam(searchParams);
  const environment = await environmentForPage(env);
  return (
    <>
      <PageHeader title="Events" description={`The event catalog and a live tail in ${environment.name}.`} />
      <NotYetAvailable feature="Events" description="The event catalog and the live tail arrive with ingestion." />
    </>
  );
}
