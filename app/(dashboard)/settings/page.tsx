import type { Metadata } from 'next';
import Link from 'next/link';
import { PageHeader } from '@/components/shell/page-header';
import { hasRole } from '@/lib/auth/roles';
import { requirePageAdmin } from '@/lib/auth/page-guard';
import { environmentForPage } from '@/lib/environments/page-environment';
import { loadEnvironmentParam, withEnvironment } from '../search-params';
import { SettingsClient } from './client';

export const metadata: Metadata = { title: 'Settings' };

export default async function SettingsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const admin = await requirePageAdmin('/settings');
  const { env } = await loadEnvironmentParam(searchParams);
  const environment = await environmentForPage(env);
  return (
    <>
      <PageHeader
        title="Settings"
        description="Environments and the write keys host apps send events with."
        actions={<Link href={withEnvironment('/settings/team', env)}>Team and roles →</Link>}
      />
      <SettingsClient environment={{ slug: environment.slug, name: environment.name }} canEdit={hasRole(admin.role, 'admin')} />
    </>
  );
}
