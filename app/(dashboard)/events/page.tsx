import type { Metadata } from 'next';

import { PageHeader } from '@/components/shell/page-header';
import { appOrigin } from '@/lib/env';

import { loadPageContext, type PageSearchParams } from '../page-context';
import { EventsClient } from './client';

export const metadata: Metadata = { title: 'Events' };

export default async function EventsPage({ searchParams }: { searchParams: PageSearchParams }) {
  const { environment } = await loadPageContext('/events', searchParams);
  return (
    <>
      <PageHeader
        title="Events"
        description={`What host apps send to ${environment.name}, as it arrives, and the event catalog.`}
      />
      <EventsClient environmentSlug={environment.slug} origin={appOrigin()} />
    </>
  );
}
