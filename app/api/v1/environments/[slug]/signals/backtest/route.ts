import { z } from 'zod';

import { environmentRoute } from '@/lib/api/management-route';
import { numberParam, parseSearchParams } from '@/lib/http/parse-search-params';
import { listMetrics } from '@/lib/metrics/metrics';
import { backtestSignal } from '@/lib/signals/backtest';
import { findSignal } from '@/lib/signals/settings';

type Params = { slug: string };

const query = z.object({
  signal: z.string({ error: 'expected a signal key' }).min(1),
  thresholdPct: numberParam({ expected: 'a percentage', min: 1, max: 1000, whole: false }),
  minVolume: numberParam({
    min: 0,
    max: 1_000_000,
    whole: 'expected a whole number',
    below: 'expected a number',
    above: 'expected a number',
  }),
  topN: numberParam({ min: 1, max: 1000, whole: 'expected a whole number' }),
  days: numberParam({ expected: 'a number of days', min: 1, max: 180, whole: 'expected a whole number' }).default(30),
});

/** Replays a signal with candidate settings over the last N days: read-only, so viewers may ask too. */
export const GET = environmentRoute<Params>('viewer', async ({ request, db, environment }) => {
  const q = parseSearchParams(request, query);
  const signal = findSignal(q.signal);
  const metric = (await listMetrics(db, environment.id)).find((m) => m.key === signal.metric);
  if (!metric) throw new Error(`metric ${signal.metric} is missing`);
  return Response.json(await backtestSignal(db, environment, signal, metric, { ...q, enabled: true }));
});
