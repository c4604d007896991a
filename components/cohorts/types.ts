import type { Serialized } from '@/components/query/api';
import type { CohortView } from '@/lib/cohorts/cohort-store';
import type { Field } from '@/lib/cohorts/fields';
import type { CohortFilter, Condition, Group } from '@/lib/cohorts/filter-schema';
import type { CohortMember } from '@/lib/cohorts/members';
import type { PreviewMember } from '@/lib/cohorts/preview';

export type Cohort = Serialized<CohortView>;
export type { CohortFilter, CohortMember, Condition, Field, Group, PreviewMember };
export type Run = {
  id: string;
  ran_at: string;
  added: number;
  removed: number;
  member_count: number;
  duration_ms: number;
  notified: boolean;
};
export type Preview = { count: number; members: PreviewMember[]; ms: number };
export type Fields = { traits: Field[]; events: string[] };

export const cohortsBase = (slug: string) => `/api/v1/environments/${encodeURIComponent(slug)}/cohorts`;

export const emptyFilter = (entity: 'users' | 'accounts'): CohortFilter => ({
  version: 1,
  entity,
  root: { type: 'group', op: 'and', conditions: [{ type: 'seen', which: 'last', op: 'withinDays', days: 7 }] },
});
