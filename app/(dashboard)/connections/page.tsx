import type { Metadata } from 'next';
import { PageHeader } from '@/components/shell/page-header';
import { NotYetAvailable } from '@/components/shell/not-yet-available';
import { loadPageContext, type PageSearchParams } from '../page-context';

export const metadata: Metadata = { title: 'Connections' };

export default async function ConnectionsPage({ searchParams }: { searchParams: PageSearchParams }) {
  const { environment } = await loadPageContext('/connections', searchParams);
  return (
    <>
      <PageHeader title="Connections" description={`Webhooks, Slack and email notifications in ${environment.name}.`} />
      <NotYetAvailable
        feature="Connections"
        description="Webhook, Slack and email connections are not in this build yet. Write keys for sending events are under Settings."
      />
    </>
  );
}
