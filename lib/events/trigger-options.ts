import type { Queryable } from '@/lib/db/client';

import { eventCatalog } from './queries';

// What a connection can subscribe to, grouped for the picker: the product's own trigger events
// (signals, cohorts), Frontegg's catalog groups, and every other event this environment has seen.

export type TriggerOption = { key: string; title: string | null; description: string | null; seen: number };
export type TriggerGroup = { group: string; options: TriggerOption[] };

export const PRODUCT_TRIGGERS: { group: string; key: string; title: string; description: string }[] = [
  {
    group: 'Signals',
    key: 'signal.riskForAbandonment',
    title: 'Risk for abandonment',
    description: 'An account enters a risk signal: logins fell or deleted users rose past the threshold',
  },
  {
    group: 'Signals',
    key: 'signal.engagementLevel',
    title: 'Engagement level',
    description: 'An account enters an engagement signal: invites rose past the threshold, or it joined the top accounts',
  },
  {
    group: 'Cohorts',
    key: 'cohort.membersAdded',
    title: 'Cohort members added',
    description: 'A cohort evaluation added members',
  },
  {
    group: 'Cohorts',
    key: 'cohort.membersRemoved',
    title: 'Cohort members removed',
    description: 'A cohort evaluation removed members',
  },
];

export async function triggerGroups(db: Queryable, environmentId: number): Promise<TriggerGroup[]> {
  const catalog = await eventCatalog(db, environmentId);
  const seen = new Map(catalog.map((row) => [row.key, row.total]));
  const groups = new Map<string, TriggerOption[]>();
  const add = (group: string, option: TriggerOption) => groups.set(group, [...(groups.get(group) ?? []), option]);
  const productKeys = new Set(PRODUCT_TRIGGERS.map((t) => t.key));
  for (const t of PRODUCT_TRIGGERS)
    add(t.group, { key: t.key, title: t.title, description: t.description, seen: seen.get(t.key) ?? 0 });
  for (const row of catalog) {
    if (productKeys.has(row.key)) continue;
    add(row.group, { key: row.key, title: row.title, description: row.description, seen: row.total });
  }
  return [...groups].map(([group, options]) => ({ group, options }));
}
