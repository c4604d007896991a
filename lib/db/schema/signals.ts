import { sql } from 'drizzle-orm';
import { boolean, index, integer, numeric, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

import { environments } from './environments';

/** A named set of event keys counted per account per day, editable per environment. */
export const metrics = pgTable(
  'metrics',
  {
    environmentId: integer('environment_id')
      .notNull()
      .references(() => environments.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    name: text('name').notNull(),
    eventKeys: text('event_keys').array().notNull().default([]),
    // Keys ending in '*' match by prefix, e.g. 'frontegg.user.authenticated*'.
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.environmentId, t.key] })],
);

/** Per-environment tuning of a built-in signal: threshold X%, minimum volume, top N. */
export const signalSettings = pgTable(
  'signal_settings',
  {
    environmentId: integer('environment_id')
      .notNull()
      .references(() => environments.id, { onDelete: 'cascade' }),
    signalKey: text('signal_key').notNull(),
    enabled: boolean('enabled').notNull().default(true),
    thresholdPct: numeric('threshold_pct', { mode: 'number' }),
    minVolume: integer('min_volume'),
    topN: integer('top_n'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.environmentId, t.signalKey] })],
);

/**
 * An account being in a signal, from the evaluation that entered it to the one that left it. Pages
 * are half filled (fillfactor 50, migration 0012): an open occurrence's figures change daily.
 */
export const signalOccurrences = pgTable(
  'signal_occurrences',
  {
    environmentId: integer('environment_id')
      .notNull()
      .references(() => environments.id, { onDelete: 'cascade' }),
    accountId: text('account_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    signalKey: text('signal_key').notNull(),
    windowDays: integer('window_days').notNull(),
    current: numeric('current', { mode: 'number' }).notNull(),
    previous: numeric('previous', { mode: 'number' }).notNull(),
    changePct: numeric('change_pct', { mode: 'number' }),
    reason: text('reason').notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.environmentId, t.accountId, t.id] }),
    index('signal_occurrences_open_idx').on(t.environmentId, t.signalKey, t.endedAt),
    // The dashboard's KPIs: accounts in a signal now (open occurrences, by account, read from the
    // index alone) and at the end of an earlier period (occurrences started before it).
    index('signal_occurrences_open_accounts_idx')
      .on(t.environmentId, t.accountId, t.signalKey)
      .where(sql`ended_at is null`),
    index('signal_occurrences_started_idx').on(t.environmentId, t.startedAt, t.endedAt, t.accountId, t.signalKey),
  ],
);
