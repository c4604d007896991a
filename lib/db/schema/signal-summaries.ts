import { sql } from 'drizzle-orm';
import {
  bigint,
  customType,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';

import { environments } from './environments';

// Summaries of daily_rollups that the signal evaluation and the Signals dashboard read instead of
// scanning months of rollups (lib/signals/account-totals.ts and environment-totals.ts say how each
// is kept equal to the rollups).

/**
 * Accounts whose rollups changed for a day already over (late events), with the first and last
 * such day: ingestion marks them, the signals job recomputes those accounts' totals and takes the
 * marks. One row per account, however many days a backfill touches: one per account and day
 * would be millions of rows after a backfill of a few months, each read and cleared by the job.
 */
export const lateRollupAccounts = pgTable(
  'late_rollup_accounts',
  {
    environmentId: integer('environment_id')
      .notNull()
      .references(() => environments.id, { onDelete: 'cascade' }),
    accountId: text('account_id').notNull(),
    firstDay: date('first_day', { mode: 'string' }).notNull(),
    lastDay: date('last_day', { mode: 'string' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.environmentId, t.accountId] })],
);

/**
 * Per account, every metric's sum over each window the signals compare (7 and 30 days and the
 * periods before them), ending on the day `as_of`, in the order of the summary's layout. An
 * environment has one set of rows per `as_of`: the current one, and from the day's last minutes
 * the next day's, prepared so that midnight only switches to it (lib/signals/account-totals.ts).
 */
export const signalAccountTotals = pgTable(
  'signal_account_totals',
  {
    // No foreign key: checking it costs a key-share lock of the environment per row written. Deleting an environment deletes its totals under the evaluation's lock.
    environmentId: integer('environment_id').notNull(),
    asOf: date('as_of', { mode: 'string' }).notNull(),
    accountId: text('account_id').notNull(),
    totals: doublePrecision('totals').array().notNull(),
  },
  (t) => [primaryKey({ columns: [t.environmentId, t.asOf, t.accountId] })],
);

/**
 * Which day the account totals the signals read end on, the next day's totals if prepared, the
 * layout (metrics, windows, time zone) they were built for, and what the last evaluation over them
 * found, with the settings it used: while neither changes, evaluating again would find the same.
 */
export const signalTotalsState = pgTable('signal_totals_state', {
  environmentId: integer('environment_id')
    .primaryKey()
    .references(() => environments.id, { onDelete: 'cascade' }),
  asOf: date('as_of', { mode: 'string' }).notNull(),
  preparedAsOf: date('prepared_as_of', { mode: 'string' }),
  layout: text('layout').notNull(),
  evaluated: jsonb('evaluated').$type<{ settings: string; open: number; accounts: number }>(),
  refreshedAt: timestamp('refreshed_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Event counts per (environment, day, event name) over all accounts: the dashboard's environment view. */
export const environmentDailyTotals = pgTable(
  'environment_daily_totals',
  {
    environmentId: integer('environment_id')
      .notNull()
      .references(() => environments.id, { onDelete: 'cascade' }),
    day: date('day', { mode: 'string' }).notNull(),
    eventName: text('event_name').notNull(),
    count: bigint('count', { mode: 'number' }).notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.environmentId, t.day, t.eventName] })],
);

const bitVarying = customType<{ data: string }>({ dataType: () => 'bit varying' });

/**
 * Per account, what the environment-wide dashboard needs over any range of days, kept at ingestion
 * (lib/metrics/dashboard-summaries.ts says how): on which days it had events (bit i of `active`
 * is the day `first_day` + i), and its invites as running totals on the days it had some.
 */
export const accountActivity = pgTable(
  'account_activity',
  {
    environmentId: integer('environment_id')
      .notNull()
      .references(() => environments.id, { onDelete: 'cascade' }),
    accountId: text('account_id').notNull(),
    firstDay: date('first_day', { mode: 'string' }).notNull(),
    active: bitVarying('active').notNull(),
    // The active days the last write added (same layout as `active`): ingestion turns them into
    // the changes of environment_active_days, from the row as it was when locked.
    addedDays: bitVarying('added_days')
      .notNull()
      .default(sql`B''`),
    inviteDays: date('invite_days', { mode: 'string' }).array().notNull(),
    inviteTotals: bigint('invite_totals', { mode: 'number' }).array().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.environmentId, t.accountId] }),
    // All-time invites (the last running total) bound an account's invites over any range: the
    // top accounts are looked for among those whose all-time total can still rank.
    index('account_activity_invites_idx').on(t.environmentId, sql`(${t.inviteTotals}[cardinality(${t.inviteTotals})])`),
  ],
);

/**
 * How many accounts were active on `day` with their previous active day `days_since_previous`
 * days before (0: it was their first). The accounts active in a range are those of its days whose
 * previous active day is before the range (or none): a sum over a few rows a day, not a scan of
 * every account. Kept at ingestion from account_activity's added days.
 */
export const environmentActiveDays = pgTable(
  'environment_active_days',
  {
    environmentId: integer('environment_id')
      .notNull()
      .references(() => environments.id, { onDelete: 'cascade' }),
    day: date('day', { mode: 'string' }).notNull(),
    daysSincePrevious: integer('days_since_previous').notNull(),
    accounts: integer('accounts').notNull(),
  },
  (t) => [primaryKey({ columns: [t.environmentId, t.day, t.daysSincePrevious] })],
);

/**
 * Present once the environment's daily totals and account activity were built from its rollups;
 * `invite_keys` are the event keys ingestion counts as invites (the invited_users metric when built).
 */
export const dashboardSummaryState = pgTable('dashboard_summary_state', {
  environmentId: integer('environment_id')
    .primaryKey()
    .references(() => environments.id, { onDelete: 'cascade' }),
  inviteKeys: text('invite_keys').array().notNull(),
  // Which summaries the build made (lib/metrics/dashboard-summaries.ts): an older build is redone.
  version: integer('version').notNull().default(1),
  builtAt: timestamp('built_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * How many accounts have exactly these signals open (`signal_keys`, sorted): the dashboard's
 * "accounts in signals now" for the whole environment, from a few rows instead of every open
 * occurrence. Kept by a statement trigger on signal_occurrences (migration
 * 0010_signal_open_sets_trigger), so it follows every write of the evaluation exactly.
 */
export const environmentOpenSignalSets = pgTable(
  'environment_open_signal_sets',
  {
    environmentId: integer('environment_id')
      .notNull()
      .references(() => environments.id, { onDelete: 'cascade' }),
    signalKeys: text('signal_keys').array().notNull(),
    accounts: integer('accounts').notNull(),
  },
  (t) => [primaryKey({ columns: [t.environmentId, t.signalKeys] })],
);
