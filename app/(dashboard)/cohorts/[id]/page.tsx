import type { Metadata } from 'next';

import { hasRole } from '@/lib/admins/roles';

import { loadPageContext, type PageSearchParams } from '../../page-context';
import { CohortClient } from './client';

export const metadata: Metadata = { title: 'Cohort' };

export default async function CohortPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: PageSearchParams;
}) {
  const { id } = await params;
  const { admin, environment, envParam } = await loadPageContext(`/cohorts/${encodeURIComponent(id)}`, searchParams);
  return <CohortClient environmentSlug={environment.slug} envParam={envParam} id={id} canEdit={hasRole(admin.role, 'admin')} />;
}
