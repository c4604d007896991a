import type { Metadata } from 'next';

import { FailedSignInsCard } from '@/components/settings/failed-sign-ins-card';
import { TeamCard } from '@/components/settings/team-card';
import { PageHeader } from '@/components/shell/page-header';
import { requirePageAdmin } from '@/lib/auth/page-guard';
import { getEnv, oidcConfigured } from '@/lib/env';

export const metadata: Metadata = { title: 'Team' };

export default async function TeamPage() {
  const admin = await requirePageAdmin('/settings/team');
  return (
    <>
      <PageHeader
        title="Team"
        description="Who can sign in, and what they may do: viewers read, admins also change settings, owners also manage owners."
      />
      <TeamCard me={{ id: admin.id, role: admin.role }} ssoEnabled={oidcConfigured(getEnv())} />
      {admin.role === 'owner' ? <FailedSignInsCard /> : null}
    </>
  );
}
