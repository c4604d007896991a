import type { Metadata } from 'next';

import { hasRole } from '@/lib/admins/roles';

import { loadPageContext, type PageSearchParams } from '../../page-context';
import { ConnectionClient } from './client';

export const metadata: Metadata = { title: 'Connection' };

export default async function ConnectionPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: PageSearchParams;
}) {
  const { id } = await params;
  const { admin, environment, envParam } = await loadPageContext(`/connections/${encodeURIComponent(id)}`, searchParams);
  return (
    <ConnectionClient environmentSlug={environment.slug} envParam={envParam} id={id} canEdit={hasRole(admin.role, 'admin')} />
  );
}
