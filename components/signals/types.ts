import type { Occurrence } from '@/components/query/endpoints';

export const isRisk = (o: Pick<Occurrence, 'trigger'>) => o.trigger === 'signal.riskForAbandonment';

export function formatChange(pct: number | null): string {
  if (pct === null) return 'new';
  const rounded = Math.round(pct);
  return `${rounded > 0 ? '+' : rounded < 0 ? '−' : ''}${Math.abs(rounded)}%`;
}
