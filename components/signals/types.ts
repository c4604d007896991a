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

export const signalLabels: Record<string, string> = {
  logins_drop_30d: 'Logins fell (30 days)',
  logins_drop_7d: 'Logins fell (7 days)',
  deleted_users_rise_30d: 'Deleted users rose (30 days)',
  deleted_users_rise_7d: 'Deleted users rose (7 days)',
  invites_rise_30d: 'Invites rose (30 days)',
  invites_rise_7d: 'Invites rose (7 days)',
  top_invites_30d: 'Top account by invites (30 days)',
};

export const isRisk = (signalKey: string) => !signalKey.startsWith('invites_') && !signalKey.startsWith('top_');

export function formatChange(pct: number | null): string {
  if (pct === null) return 'new';
  const rounded = Math.round(pct);
  return `${rounded > 0 ? '+' : rounded < 0 ? '−' : ''}${Math.abs(rounded)}%`;
}
