import { bigint, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

import { environments } from './environments';

// Every large table's key starts with (environment_id, account_id) so that it can be distributed
// by account (Citus) without rewriting queries. Ids are the host app's own, hence text.

/** A tenant / company of the host app. */
export const accounts = pgTable(
  'accounts',
  {
    environmentId: integer('environment_id')
      .notNull()
      .references(() => environments.id, { onDelete: 'cascade' }),
    accountId: text('account_id').notNull(),
    traits: jsonb('traits').$type<Record<string, unknown>>().notNull().default({}),
    firstSeenAt: timestamp('first_seen_at', { withTimezone: true }).notNull(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.environmentId, t.accountId] }),
    index('accounts_last_seen_idx').on(t.environmentId, t.lastSeenAt),
  ],
);

/** A person using the host app. A user can belong to several accounts. */
export const users = pgTable(
  'users',
  {
    environmentId: integer('environment_id')
      .notNull()
      .references(() => environments.id, { onDelete: 'cascade' }),
    userId: text('user_id').notNull(),
    traits: jsonb('traits').$type<Record<string, unknown>>().notNull().default({}),
    firstSeenAt: timestamp('first_seen_at', { withTimezone: true }).notNull(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.environmentId, t.userId] }), index('users_last_seen_idx').on(t.environmentId, t.lastSeenAt)],
);

export const accountMemberships = pgTable(
  'account_memberships',
  {
    environmentId: integer('environment_id')
      .notNull()
      .references(() => environments.id, { onDelete: 'cascade' }),
    accountId: text('account_id').notNull(),
    userId: text('user_id').notNull(),
    firstSeenAt: timestamp('first_seen_at', { withTimezone: true }).notNull(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.environmentId, t.accountId, t.userId] }),
    index('account_memberships_user_idx').on(t.environmentId, t.userId),
  ],
);

/**
 * One row per ingested message. Its key starts with (environment, account) so that the table
 * stays distributable by account; a message id is unique in its environment through
 * event_message_ids, whatever account a retry resolves to. Events with no account carry
 * account_id = ''.
 */
export const events = pgTable(
  'events',
  {
    // No foreign key: checking it per row is a large share of the database's time for a batch. The
    // write locks the environment once per statement instead, and deleting an environment deletes
    // its events (lib/events/store-events.ts, lib/environments/delete-environment.ts).
    environmentId: integer('environment_id').notNull(),
    accountId: text('account_id').notNull().default(''),
    messageId: text('message_id').notNull(),
    name: text('name').notNull(),
    userId: text('user_id'),
    anonymousId: text('anonymous_id'),
    timestamp: timestamp('timestamp', { withTimezone: true }).notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
    properties: jsonb('properties').$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [
    primaryKey({ columns: [t.environmentId, t.accountId, t.messageId] }),
    index('events_recent_idx').on(t.environmentId, t.receivedAt),
    index('events_name_time_idx').on(t.environmentId, t.name, t.timestamp),
    // The live tail filtered by user. Without a time column its entries are deduplicated per
    // user, which makes each event's write cheaper; the tail sorts a user's events by arrival
    // either way (a time column here would hold the event's own time, not its arrival).
    index('events_user_idx').on(t.environmentId, t.userId),
  ],
);

/**
 * Every message id an environment has stored, so that a retry is stored, counted and delivered
 * once even when it resolves to another account than the first try did (a `group` call between
 * the two moves the user). Deduplicating on the events' own key could not see that: it starts
 * with the account. This table is keyed by the message id alone, so under Citus it is
 * distributed by message id and the write's claim on an id is a lookup in one shard, while
 * events stay distributed by account. Every event has its claim, and the write relies on it (it
 * inserts events without a conflict check): whatever deletes claims deletes their events with
 * them, never the claims alone. No foreign key, as for events: deleting an environment deletes
 * its ids (lib/environments/delete-environment.ts).
 */
export const eventMessageIds = pgTable(
  'event_message_ids',
  {
    environmentId: integer('environment_id').notNull(),
    messageId: text('message_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.environmentId, t.messageId] })],
);

/** Event counts per (environment, account, event name, day): what metrics and signals read. */
export const dailyRollups = pgTable(
  'daily_rollups',
  {
    environmentId: integer('environment_id')
      .notNull()
      .references(() => environments.id, { onDelete: 'cascade' }),
    accountId: text('account_id').notNull(),
    eventName: text('event_name').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    count: bigint('count', { mode: 'number' }).notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.environmentId, t.accountId, t.eventName, t.day] }),
    index('daily_rollups_day_idx').on(t.environmentId, t.day, t.eventName),
  ],
);

/** Every event name seen in an environment, with how often and when: the catalog's "seen" half. */
export const eventTypes = pgTable(
  'event_types',
  {
    environmentId: integer('environment_id')
      .notNull()
      .references(() => environments.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    total: bigint('total', { mode: 'number' }).notNull().default(0),
    firstSeenAt: timestamp('first_seen_at', { withTimezone: true }).notNull(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.environmentId, t.name] })],
);
