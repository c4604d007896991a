import type { Metadata } from 'next';
import { redirect } from 'next/navigation';

import { PageHeader } from '@/components/shell/page-header';
import { hasRole } from '@/lib/admins/roles';

import { loadPageContext, type PageSearchParams } from '../../page-context';
import { withEnvironment } from '../../search-params';
import { NewCohortClient } from './client';

export const metadata: Metadata = { title: 'New cohort' };

export default async function NewCohortPage({ searchParams }: { searchParams: PageSearchParams }) {
  const { admin, environment, envParam } = await loadPageContext('/cohorts/new', searchParams);
  if (!hasRole(admin.role, 'admin')) redirect(withEnvironment('/cohorts', envParam));
  return (
    <>
      <PageHeader
        title="New cohort"
        description={`A saved filter over ${environment.name}'s users or accounts. The preview shows who matches as you edit.`}
      />
      <NewCohortClient environmentSlug={environment.slug} envParam={envParam} />
    </>
  );
}
