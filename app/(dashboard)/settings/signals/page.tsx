import type { Metadata } from 'next';
import Link from 'next/link';

import { PageHeader } from '@/components/shell/page-header';
import { hasRole } from '@/lib/admins/roles';

import { loadPageContext, type PageSearchParams } from '../../page-context';
import { withEnvironment } from '../../search-params';
import { SignalSettingsClient } from './client';

export const metadata: Metadata = { title: 'Signal settings' };

export default async function SignalSettingsPage({ searchParams }: { searchParams: PageSearchParams }) {
  const { admin, environment, envParam } = await loadPageContext('/settings/signals', searchParams);
  return (
    <>
      <PageHeader
        title="Signals and metrics"
        description={`Thresholds of the built-in signals and the event keys behind each metric, for ${environment.name}. Try settings with a backtest before saving.`}
        actions={<Link href={withEnvironment('/settings', envParam)}>← Settings</Link>}
      />
      <SignalSettingsClient
        environment={{ slug: environment.slug, name: environment.name }}
        canEdit={hasRole(admin.role, 'admin')}
      />
    </>
  );
}
