'use client';

import { useRouter } from 'next/navigation';
import { CohortForm } from '@/components/cohorts/cohort-form';

export function NewCohortClient({ environmentSlug, envParam }: { environmentSlug: string; envParam: string }) {
  const router = useRouter();
  const suffix = envParam ? `?env=${encodeURIComponent(envParam)}` : '';
  return <CohortForm environmentSlug={environmentSlug} onSaved={(cohort) => router.push(`/cohorts/${cohort.id}${suffix}`)} />;
}
