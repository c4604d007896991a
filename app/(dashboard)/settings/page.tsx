import type { Metadata } from 'next';
import Link from 'next/link';

import { PageHeader } from '@/components/shell/page-header';
import { hasRole } from '@/lib/admins/roles';
import { appOrigin } from '@/lib/env';

import { loadPageContext, type PageSearchParams } from '../page-context';
import { withEnvironment } from '../search-params';
import { SettingsClient } from './client';

export const metadata: Metadata = { title: 'Settings' };

export default async function SettingsPage({ searchParams }: { searchParams: PageSearchParams }) {
  const { admin, environment, envParam } = await loadPageContext('/settings', searchParams);
  return (
    <>
      <PageHeader
        title="Settings"
        description="Environments and the write keys host apps send events with."
        actions={
          <div className="form-row">
            <Link href={withEnvironment('/settings/signals', envParam)}>Signals and metrics →</Link>
            <Link href={withEnvironment('/settings/team', envParam)}>Team and roles →</Link>
          </div>
        }
      />
      <SettingsClient
        environment={{ slug: environment.slug, name: environment.name }}
        canEdit={hasRole(admin.role, 'admin')}
        origin={appOrigin()}
      />
    </>
  );
}
