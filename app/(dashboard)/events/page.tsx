import type { Metadata } from 'next';
import { PageHeader } from '@/components/shell/page-header';
import { NotYetAvailable } from '@/components/shell/not-yet-available';
import { loadPageContext, type PageSearchParams } from '../page-context';

export const metadata: Metadata = { title: 'Events' };

export default async function EventsPage({ searchParams }: { searchParams: PageSearchParams }) {
  const { environment } = await loadPageContext('/events', searchParams);
  return (
    <>
      <PageHeader title="Events" description={`The event catalog and a live tail in ${environment.name}.`} />
      <NotYetAvailable feature="Events" description="The event catalog and the live tail arrive with ingestion." />
    </>
  );
}
