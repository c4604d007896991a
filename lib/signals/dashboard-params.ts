import { z } from 'zod';

import { dayIn } from '@/lib/calendar/day-bucket';

import { addDays } from './windows';

const day = z.iso.date({ error: 'expected a date as YYYY-MM-DD' });

/** The Signals dashboard's filters, as the URL and the API carry them. */
export const dashboardParams = z
  .object({
    range: z.enum(['7d', '30d', '90d', 'custom'], { error: 'expected 7d, 30d, 90d or custom' }).default('30d'),
    from: day.optional(),
    to: day.optional(),
    account: z.string().trim().max(200, 'must be at most 200 characters').optional(),
  })
  .superRefine((p, ctx) => {
    if (p.range !== 'custom') return;
    if (!p.from) ctx.addIssue({ code: 'custom', path: ['from'], message: 'required for a custom range' });
    if (!p.to) ctx.addIssue({ code: 'custom', path: ['to'], message: 'required for a custom range' });
    if (p.from && p.to && p.from > p.to) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must not be before from' });
    if (p.from && p.to && (Date.parse(p.to) - Date.parse(p.from)) / 86_400_000 > 365) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'a range may span at most 366 days' });
    }
  });
export type DashboardParams = z.infer<typeof dashboardParams>;

export type ResolvedRange = { from: string; to: string; days: number; previousFrom: string; previousTo: string };

/** Presets end today (in the environment's time zone); the previous period is as long, just before. */
export function resolveRange(params: DashboardParams, timeZone: string, now = new Date()): ResolvedRange {
  let from: string;
  let to: string;
  if (params.range === 'custom' && params.from && params.to) {
    from = params.from;
    to = params.to;
  } else {
    const days = params.range === '7d' ? 7 : params.range === '90d' ? 90 : 30;
    to = dayIn(timeZone, now);
    from = addDays(to, -(days - 1));
  }
  const days = Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000) + 1;
  return { from, to, days, previousFrom: addDays(from, -days), previousTo: addDays(from, -1) };
}
