'use client';

import { useRouter } from 'next/navigation';

import { CohortForm } from '@/components/cohorts/cohort-form';
import { envSuffix } from '@/components/shell/env-suffix';

export function NewCohortClient({ environmentSlug, envParam }: { environmentSlug: string; envParam: string }) {
  const router = useRouter();
  const suffix = envSuffix(envParam);
  return <CohortForm environmentSlug={environmentSlug} onSaved={(cohort) => router.push(`/cohorts/${cohort.id}${suffix}`)} />;
}
