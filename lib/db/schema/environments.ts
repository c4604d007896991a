import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

import { adminUsers } from './admins';

/** Production, Development and any environment an admin adds. Everything else belongs to one. */
export const environments = pgTable(
  'environments',
  {
    // A small integer: it leads the key of every large table, so it is kept narrow.
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    slug: text('slug').notNull(),
    name: text('name').notNull(),
    // Production and Development exist from the start and cannot be renamed or deleted.
    builtIn: boolean('built_in').notNull().default(false),
    isDefault: boolean('is_default').notNull().default(false),
    // Windows of signals are whole days in this time zone.
    timeZone: text('time_zone').notNull().default('UTC'),
    // The secret Frontegg signs its webhooks with (x-webhook-secret), for the inbound receiver.
    fronteggWebhookSecret: text('frontegg_webhook_secret'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('environments_slug_key').on(t.slug),
    // At most one default environment.
    uniqueIndex('environments_one_default')
      .on(t.isDefault)
      .where(sql`${t.isDefault}`),
  ],
);

/** Ingestion credentials. The key itself is shown once; only its SHA-256 and a prefix are kept. */
export const writeKeys = pgTable(
  'write_keys',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    environmentId: integer('environment_id')
      .notNull()
      .references(() => environments.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    prefix: text('prefix').notNull(),
    keyHash: text('key_hash').notNull(),
    createdBy: uuid('created_by').references(() => adminUsers.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('write_keys_key_hash_key').on(t.keyHash),
    index('write_keys_environment_idx').on(t.environmentId, t.createdAt),
  ],
);
