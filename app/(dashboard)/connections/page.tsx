import type { Metadata } from 'next';
import { PageHeader } from '@/components/shell/page-header';
import { NotYetAvailable } from '@/components/shell/not-yet-available';
import { requirePageAdmin } from '@/lib/auth/page-guard';
import { environmentForPage } from '@/lib/environments/page-environment';
import { loadEnvironmentParam } from '../search-params';

export const metadata: Metadata = { title: 'Connections' };

export default async function ConnectionsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePageAdmin('/connections');
  const { env } = await loadEnvironmentParam(searchParams);
  const environment = await environmentForPage(env);
  return (
    <>
      <PageHeader title="Connections" description={`Webhooks, Slack and email notifications in ${environment.name}.`} />
      <NotYetAvailable feature="Connections" description="Webhook, Slack and email connections are not in this build yet. Write keys for sending events are under Settings." />
    </>
  );
}
