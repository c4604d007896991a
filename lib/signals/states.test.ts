import { describe, expect, it } from 'vitest';

import { defaultMetrics } from '@/lib/metrics/definitions';

import { signalDefinitions } from './definitions';
import { signalStates } from './states';
import { type AccountTotals, totalsLayout } from './window-totals';

const metrics = defaultMetrics.map((m) => ({ ...m, customized: false }));
const top = signalDefinitions.find((d) => d.kind === 'top');
const account = (accountId: string, invites: number): AccountTotals => ({
  accountId,
  totals: Object.fromEntries(
    totalsLayout(metrics).map((c) => [c.name, c.name === 'invited_users_30_c' ? invites : 0]),
  ) as AccountTotals['totals'],
});

describe('the top accounts signal', () => {
  it('ranks by the figure, then by name as localeCompare orders them, ties at the cut included', () => {
    if (!top) throw new Error('no top signal');
    const accounts = [
      account('b', 5),
      account('a-2', 3),
      account('A-1', 3),
      account('a_3', 3),
      account('c', 9),
      account('d', 0),
      account('e', 1),
    ];
    const settings = { enabled: true, thresholdPct: 0, minVolume: 1, topN: 4 };
    const ranked = signalStates([{ definition: top, settings }], metrics, accounts).map((s) => s.accountId);
    const naive = accounts
      .filter((a) => a.totals.invited_users_30_c >= 1)
      .sort((x, y) => y.totals.invited_users_30_c - x.totals.invited_users_30_c || x.accountId.localeCompare(y.accountId))
      .slice(0, 4)
      .map((a) => a.accountId);
    expect(ranked).toEqual(naive);
    expect(ranked).toHaveLength(4);
    expect(signalStates([{ definition: top, settings: { ...settings, topN: 50 } }], metrics, accounts)).toHaveLength(6);
  });
});
