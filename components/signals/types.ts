import type { OccurrenceRow } from '@/lib/signals/occurrence-queries';

export type Kpi = { key: string; label: string; value: number; previous: number };
export type SeriesPoint = { day: string; previousDay: string } & Record<string, number | string>;
export type TopAccount = { accountId: string; name: string | null; invites: number };
export type Summary = {
  range: { from: string; to: string; days: number; previousFrom: string; previousTo: string };
  kpis: Kpi[];
  series: SeriesPoint[];
  top: TopAccount[];
};
// The API's JSON is the server's row type: every field is already a string or a number.
export type Occurrence = OccurrenceRow;
export type OccurrencePage = { rows: Occurrence[]; total: number; page: number; pageSize: number };

export const isRisk = (o: Pick<Occurrence, 'trigger'>) => o.trigger === 'signal.riskForAbandonment';

export function formatChange(pct: number | null): string {
  if (pct === null) return 'new';
  const rounded = Math.round(pct);
  return `${rounded > 0 ? '+' : rounded < 0 ? '−' : ''}${Math.abs(rounded)}%`;
}
