// The built-in signals of Frontegg's Signals (shared/seeds/frontegg-signals.txt): four risk-for-
// abandonment and three engagement-level rules, each tunable per environment in Settings.

import type { MetricKey } from '@/lib/metrics/definitions';

export type SignalTrigger = 'signal.riskForAbandonment' | 'signal.engagementLevel';

type Common = { key: string; label: string; trigger: SignalTrigger; metric: MetricKey; windowDays: 7 | 30 };
export type ChangeSignal = Common & {
  kind: 'decrease' | 'increase';
  defaults: { thresholdPct: number; minVolume: number };
};
export type TopSignal = Common & { kind: 'top'; defaults: { topN: number; minVolume: number } };
export type SignalDefinition = ChangeSignal | TopSignal;

export const signalDefinitions: readonly SignalDefinition[] = [
  {
    key: 'logins_drop_30d',
    label: 'Logins fell (30 days)',
    trigger: 'signal.riskForAbandonment',
    metric: 'logins',
    windowDays: 30,
    kind: 'decrease',
    defaults: { thresholdPct: 50, minVolume: 30 },
  },
  {
    key: 'logins_drop_7d',
    label: 'Logins fell (7 days)',
    trigger: 'signal.riskForAbandonment',
    metric: 'logins',
    windowDays: 7,
    kind: 'decrease',
    defaults: { thresholdPct: 50, minVolume: 10 },
  },
  {
    key: 'deleted_users_rise_30d',
    label: 'Deleted users rose (30 days)',
    trigger: 'signal.riskForAbandonment',
    metric: 'deleted_users',
    windowDays: 30,
    kind: 'increase',
    defaults: { thresholdPct: 100, minVolume: 5 },
  },
  {
    key: 'deleted_users_rise_7d',
    label: 'Deleted users rose (7 days)',
    trigger: 'signal.riskForAbandonment',
    metric: 'deleted_users',
    windowDays: 7,
    kind: 'increase',
    defaults: { thresholdPct: 100, minVolume: 3 },
  },
  {
    key: 'invites_rise_30d',
    label: 'Invites rose (30 days)',
    trigger: 'signal.engagementLevel',
    metric: 'invited_users',
    windowDays: 30,
    kind: 'increase',
    defaults: { thresholdPct: 50, minVolume: 5 },
  },
  {
    key: 'invites_rise_7d',
    label: 'Invites rose (7 days)',
    trigger: 'signal.engagementLevel',
    metric: 'invited_users',
    windowDays: 7,
    kind: 'increase',
    defaults: { thresholdPct: 50, minVolume: 3 },
  },
  {
    key: 'top_invites_30d',
    label: 'Top account by invites (30 days)',
    trigger: 'signal.engagementLevel',
    metric: 'invited_users',
    windowDays: 30,
    kind: 'top',
    defaults: { topN: 10, minVolume: 1 },
  },
];

export function signalTitle(signal: SignalDefinition, thresholdPct?: number): string {
  const x = `${thresholdPct ?? ('thresholdPct' in signal.defaults ? signal.defaults.thresholdPct : 0)}%`;
  const window = `the last ${signal.windowDays} days`;
  switch (signal.key) {
    case 'logins_drop_30d':
    case 'logins_drop_7d':
      return `Logins and token refreshes fell by more than ${x} in ${window}`;
    case 'deleted_users_rise_30d':
    case 'deleted_users_rise_7d':
      return `Deleted users rose by more than ${x} in ${window}`;
    case 'invites_rise_30d':
    case 'invites_rise_7d':
      return `Invited users rose by more than ${x} in ${window}`;
    default:
      return `One of the top accounts by invited users in ${window}`;
  }
}
