import type { Metadata } from 'next';
import { PageHeader } from '@/components/shell/page-header';
import { NotYetAvailable } from '@/components/shell/not-yet-available';
import { loadPageContext, type PageSearchParams } from '../page-context';

export const metadata: Metadata = { title: 'Cohorts' };

export default async function CohortsPage({ searchParams }: { searchParams: PageSearchParams }) {
  const { environment } = await loadPageContext('/cohorts', searchParams);
  return (
    <>
      <PageHeader title="Cohorts" description={`Saved behavioural segments of users and accounts in ${environment.name}.`} />
      <NotYetAvailable
        feature="Cohorts"
        description="Cohort building and scheduled membership notifications are not in this build yet."
      />
    </>
  );
}
