'use client';

import { EnvironmentsCard } from '@/components/settings/environments-card';
import { WriteKeysCard } from '@/components/settings/write-keys-card';

export function SettingsClient({ environment, canEdit }: { environment: { slug: string; name: string }; canEdit: boolean }) {
  return (
    <>
      <WriteKeysCard key={environment.slug} environment={environment} canEdit={canEdit} />
      <EnvironmentsCard canEdit={canEdit} />
    </>
  );
}
