import { z } from 'zod';
import { environmentRoute } from '@/lib/api/management-route';
import { parseSearchParams } from '@/lib/http/parse-search-params';
import { backtestSignal } from '@/lib/signals/backtest';
import { listMetrics } from '@/lib/metrics/metrics';
import { findSignal } from '@/lib/signals/settings';

type Params = { slug: string };

const number = (label: string) => z.coerce.number<string>({ error: `expected ${label}` });
const query = z.object({
  signal: z.string({ error: 'expected a signal key' }).min(1),
  thresholdPct: number('a percentage').min(1, 'expected 1–1000').max(1000, 'expected 1–1000'),
  minVolume: number('a number').int('expected a whole number').min(0).max(1_000_000),
  topN: number('a number').int('expected a whole number').min(1, 'expected 1–1000').max(1000, 'expected 1–1000'),
  days: number('a number of days').int('expected a whole number').min(1, 'expected 1–180').max(180, 'expected 1–180').default(30),
});

/** Replays a signal with candidate settings over the last N days: read-only, so viewers may ask too. */
export const GET = environmentRoute<Params>('viewer', async ({ request, db, environment }) => {
  const q = parseSearchParams(request, query);
  const signal = findSignal(q.signal);
  const metric = (await listMetrics(db, environment.id)).find((m) => m.key === signal.metric);
  if (!metric) throw new Error(`metric ${signal.metric} is missing`);
  return Response.json(await backtestSignal(db, environment, signal, metric, { ...q, enabled: true }));
});
