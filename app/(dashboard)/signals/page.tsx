import type { Metadata } from 'next';
import { PageHeader } from '@/components/shell/page-header';
import { NotYetAvailable } from '@/components/shell/not-yet-available';
import { loadPageContext, type PageSearchParams } from '../page-context';

export const metadata: Metadata = { title: 'Signals' };

export default async function SignalsPage({ searchParams }: { searchParams: PageSearchParams }) {
  const { environment } = await loadPageContext('/signals', searchParams);
  return (
    <>
      <PageHeader title="Signals" description={`Risk for abandonment and engagement level per account in ${environment.name}.`} />
      <NotYetAvailable
        feature="Signals"
        description="Signals are computed from ingested events. Once ingestion ships, accounts whose logins fall or whose invites rise will appear here with the numbers behind them."
      />
    </>
  );
}
