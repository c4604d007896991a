import { eq } from 'drizzle-orm';
import { z } from 'zod';

import type { Queryable } from '@/lib/db/client';
import { signalSettings } from '@/lib/db/schema';
import { NotFoundError } from '@/lib/errors';

import { type SignalDefinition, signalDefinitions } from './definitions';

export type SignalSettings = { enabled: boolean; thresholdPct: number; minVolume: number; topN: number };
export type ConfiguredSignal = { definition: SignalDefinition; settings: SignalSettings };

// Every signal carries all four settings so one form and one schema serve them all; a change
// signal ignores topN and the top signal ignores thresholdPct, so those hold harmless valid values.
const UNUSED_TOP_N = 10;
const UNUSED_THRESHOLD = 50;

function defaultsOf(definition: SignalDefinition): SignalSettings {
  return {
    enabled: true,
    thresholdPct: definition.kind === 'top' ? UNUSED_THRESHOLD : definition.defaults.thresholdPct,
    minVolume: definition.defaults.minVolume,
    topN: definition.kind === 'top' ? definition.defaults.topN : UNUSED_TOP_N,
  };
}

/** Every built-in signal with this environment's settings (its own, or the defaults). */
export async function listSignalSettings(db: Queryable, environmentId: number): Promise<ConfiguredSignal[]> {
  const rows = await db.select().from(signalSettings).where(eq(signalSettings.environmentId, environmentId));
  const byKey = new Map(rows.map((r) => [r.signalKey, r]));
  return signalDefinitions.map((definition) => {
    const base = defaultsOf(definition);
    const row = byKey.get(definition.key);
    return {
      definition,
      settings: row
        ? {
            enabled: row.enabled,
            thresholdPct: row.thresholdPct ?? base.thresholdPct,
            minVolume: row.minVolume ?? base.minVolume,
            topN: row.topN ?? base.topN,
          }
        : base,
    };
  });
}

export const signalSettingsInput = z.object({
  enabled: z.boolean({ error: 'expected true or false' }),
  thresholdPct: z.number({ error: 'expected a percentage' }).min(1, 'expected 1–1000').max(1000, 'expected 1–1000'),
  minVolume: z.number({ error: 'expected a number' }).int('expected a whole number').min(0, 'expected 0 or more').max(1_000_000),
  topN: z
    .number({ error: 'expected a number' })
    .int('expected a whole number')
    .min(1, 'expected 1–1000')
    .max(1000, 'expected 1–1000'),
});
export type SignalSettingsInput = z.infer<typeof signalSettingsInput>;

export function findSignal(key: string): SignalDefinition {
  const definition = signalDefinitions.find((s) => s.key === key);
  if (!definition) throw new NotFoundError(`Signal "${key}"`);
  return definition;
}

export async function updateSignalSettings(
  db: Queryable,
  environmentId: number,
  key: string,
  input: SignalSettingsInput,
): Promise<void> {
  findSignal(key);
  const values = {
    enabled: input.enabled,
    thresholdPct: input.thresholdPct,
    minVolume: input.minVolume,
    topN: input.topN,
    updatedAt: new Date(),
  };
  await db
    .insert(signalSettings)
    .values({ environmentId, signalKey: key, ...values })
    .onConflictDoUpdate({ target: [signalSettings.environmentId, signalSettings.signalKey], set: values });
}
