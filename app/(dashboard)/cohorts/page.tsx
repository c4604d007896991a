import type { Metadata } from 'next';
import Link from 'next/link';

import { PageHeader } from '@/components/shell/page-header';
import { hasRole } from '@/lib/admins/roles';

import { loadPageContext, type PageSearchParams } from '../page-context';
import { withEnvironment } from '../search-params';
import { CohortsClient } from './client';

export const metadata: Metadata = { title: 'Cohorts' };

export default async function CohortsPage({ searchParams }: { searchParams: PageSearchParams }) {
  const { admin, environment, envParam } = await loadPageContext('/cohorts', searchParams);
  const canEdit = hasRole(admin.role, 'admin');
  return (
    <>
      <PageHeader
        title="Cohorts"
        description={`Saved behavioural cohorts of users and accounts, kept up to date on a schedule, with who joins and leaves sent to the connections you attach — in ${environment.name}.`}
        actions={
          canEdit ? (
            <Link className="btn btn-primary" href={withEnvironment('/cohorts/new', envParam)}>
              New cohort
            </Link>
          ) : undefined
        }
      />
      <CohortsClient environmentSlug={environment.slug} envParam={envParam} canEdit={canEdit} />
    </>
  );
}
