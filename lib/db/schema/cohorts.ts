import { index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
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
    notifyOn: text('notify_on').notNull().default('both'),
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
  ],
);
