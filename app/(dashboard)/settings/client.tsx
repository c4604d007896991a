'use client';

import { EnvironmentsCard } from '@/components/settings/environments-card';
import { FronteggCard } from '@/components/settings/frontegg-card';
import { WriteKeysCard } from '@/components/settings/write-keys-card';

export function SettingsClient({
  environment,
  canEdit,
  origin,
}: {
  environment: { slug: string; name: string };
  canEdit: boolean;
  origin: string;
}) {
  return (
    <>
      <WriteKeysCard key={environment.slug} environment={environment} canEdit={canEdit} />
      <FronteggCard key={`frontegg-${environment.slug}`} environment={environment} origin={origin} canEdit={canEdit} />
      <EnvironmentsCard canEdit={canEdit} />
    </>
  );
}
