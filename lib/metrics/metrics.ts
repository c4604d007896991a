import { eq, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';

import type { Queryable } from '@/lib/db/client';
import { metrics } from '@/lib/db/schema';

import { defaultMetrics, type MetricDefinition, type MetricKey } from './definitions';

export type Metric = MetricDefinition & { customized: boolean };

/** The environment's metrics: the defaults, with any event keys an admin changed. */
export async function listMetrics(db: Queryable, environmentId: number): Promise<Metric[]> {
  const rows = await db.select().from(metrics).where(eq(metrics.environmentId, environmentId));
  const byKey = new Map(rows.map((r) => [r.key, r]));
  return defaultMetrics.map((m) => {
    const row = byKey.get(m.key);
    return row ? { ...m, eventKeys: row.eventKeys, customized: true } : { ...m, customized: false };
  });
}

export const updateMetricInput = z.object({
  eventKeys: z
    .array(
      z
        .string()
        .trim()
        .min(1, 'must not be empty')
        .max(200, 'must be at most 200 characters')
        .regex(/^[^*]*\*?$/, "a '*' may only end a key (prefix match)"),
      { error: 'expected a list of event keys' },
    )
    .min(1, 'give at least one event key')
    .max(50, 'at most 50 event keys'),
});

export async function updateMetric(
  db: Queryable,
  environmentId: number,
  key: MetricKey,
  input: z.infer<typeof updateMetricInput>,
): Promise<void> {
  const definition = defaultMetrics.find((m) => m.key === key);
  if (!definition) throw new Error(`unknown metric ${key}`);
  const eventKeys = [...new Set(input.eventKeys)];
  await db
    .insert(metrics)
    .values({ environmentId, key, name: definition.name, eventKeys })
    .onConflictDoUpdate({ target: [metrics.environmentId, metrics.key], set: { eventKeys, updatedAt: new Date() } });
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** SQL that is true when an event name belongs to the metric ('x*' keys match by prefix). */
export function metricMatches(column: SQL, eventKeys: string[]): SQL {
  const exact = eventKeys.filter((k) => !k.endsWith('*'));
  const prefixes = eventKeys.filter((k) => k.endsWith('*')).map((k) => `${escapeLike(k.slice(0, -1))}%`);
  const parts: SQL[] = [];
  if (exact.length)
    parts.push(
      sql`${column} in (${sql.join(
        exact.map((k) => sql`${k}`),
        sql`, `,
      )})`,
    );
  for (const p of prefixes) parts.push(sql`${column} like ${p}`);
  return parts.length ? sql`(${sql.join(parts, sql` or `)})` : sql`false`;
}
