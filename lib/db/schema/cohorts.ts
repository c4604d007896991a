import { sql } from 'drizzle-orm';
import {
  boolean,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

import { connections } from './delivery';
import { environments } from './environments';

export const cohortEntity = pgEnum('cohort_entity', ['users', 'accounts']);

/** A saved behavioural filter over users or accounts, re-evaluated on a schedule. */
export const cohorts = pgTable(
  'cohorts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    environmentId: integer('environment_id')
      .notNull()
      .references(() => environments.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    entity: cohortEntity('entity').notNull(),
    filter: jsonb('filter').notNull(),
    filterVersion: integer('filter_version').notNull().default(1),
    scheduleMinutes: integer('schedule_minutes').notNull().default(15),
    // 'added', 'removed' or 'both': which changes a run notifies about.
    notifyOn: text('notify_on').notNull().default('both'),
    // Traits of each added/removed member to include in notifications (ids always are).
    notifyTraits: text('notify_traits').array().notNull().default([]),
    // The first run records who is in without notifying, unless this is set.
    notifyFirstRun: boolean('notify_first_run').notNull().default(false),
    lastRunId: uuid('last_run_id'),
    lastError: text('last_error'),
    memberCount: integer('member_count').notNull().default(0),
    lastEvaluatedAt: timestamp('last_evaluated_at', { withTimezone: true }),
    nextEvaluationAt: timestamp('next_evaluation_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('cohorts_due_idx').on(t.nextEvaluationAt)],
);

/** Who is (exited_at null) or was in a cohort; each entry and exit is a row's two ends. */
export const cohortMemberships = pgTable(
  'cohort_memberships',
  {
    environmentId: integer('environment_id')
      .notNull()
      .references(() => environments.id, { onDelete: 'cascade' }),
    cohortId: uuid('cohort_id')
      .notNull()
      .references(() => cohorts.id, { onDelete: 'cascade' }),
    memberId: text('member_id').notNull(),
    enteredAt: timestamp('entered_at', { withTimezone: true }).notNull(),
    exitedAt: timestamp('exited_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.environmentId, t.cohortId, t.memberId, t.enteredAt] }),
    index('cohort_memberships_current_idx').on(t.cohortId, t.exitedAt),
    // A member is in a cohort at most once at a time; finds a current member without reading the
    // cohort's other members (the evaluation's diff, the members list's cursor).
    uniqueIndex('cohort_memberships_open_idx')
      .on(t.cohortId, t.memberId)
      .where(sql`exited_at is null`),
    // The catch-up API reads entries in time order.
    index('cohort_memberships_entered_idx').on(t.cohortId, t.enteredAt),
  ],
);

/** One evaluation of a cohort: when, what changed, and whether it notified. */
export const cohortRuns = pgTable(
  'cohort_runs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    environmentId: integer('environment_id')
      .notNull()
      .references(() => environments.id, { onDelete: 'cascade' }),
    cohortId: uuid('cohort_id')
      .notNull()
      .references(() => cohorts.id, { onDelete: 'cascade' }),
    ranAt: timestamp('ran_at', { withTimezone: true }).notNull(),
    added: integer('added').notNull(),
    removed: integer('removed').notNull(),
    memberCount: integer('member_count').notNull(),
    durationMs: integer('duration_ms').notNull(),
    notified: boolean('notified').notNull(),
  },
  (t) => [index('cohort_runs_cohort_idx').on(t.cohortId, t.ranAt)],
);

/** Connections that get each run's batched change list (the "+" in the cohorts list). */
export const cohortNotifications = pgTable(
  'cohort_notifications',
  {
    cohortId: uuid('cohort_id')
      .notNull()
      .references(() => cohorts.id, { onDelete: 'cascade' }),
    connectionId: uuid('connection_id')
      .notNull()
      .references(() => connections.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.cohortId, t.connectionId] }), index('cohort_notifications_connection_idx').on(t.connectionId)],
);
