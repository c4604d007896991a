import type { CohortFilter } from '@/components/query/endpoints';

export const emptyFilter = (entity: 'users' | 'accounts'): CohortFilter => ({
  version: 1,
  entity,
  root: { type: 'group', op: 'and', conditions: [{ type: 'seen', which: 'last', op: 'withinDays', days: 7 }] },
});
