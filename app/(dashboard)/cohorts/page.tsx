import type { Metadata } from 'next';
import { PageHeader } from '@/components/shell/page-header';
import { NotYetAvailable } from '@/components/shell/not-yet-available';
import { requirePageAdmin } from '@/lib/auth/page-guard';
import { environmentForPage } from '@/lib/environments/page-environment';
import { loadEnvironmentParam } from '../search-params';

export const metadata: Metadata = { title: 'Cohorts' };

export default async function CohortsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePageAdmin('/cohorts');
  const { env } = await loadEnvironmentParam(searchParams);
  const environment = await environmentForPage(env);
  return (
    <>
      <PageHeader title="Cohorts" description={`Saved behavioural segments of users and accounts in ${environment.name}.`} />
      <NotYetAvailable feature="Cohorts" description="Cohort building and scheduled membership notifications are not in this build yet." />
    </>
  );
}
