import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

import { environments } from './environments';

export const connectionKind = pgEnum('connection_kind', ['webhook', 'slack', 'email']);
export const deliveryStatus = pgEnum('delivery_status', ['pending', 'succeeded', 'failed']);

/** A webhook, Slack or email target, subscribed to event keys. Never copied between environments. */
export const connections = pgTable(
  'connections',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    environmentId: integer('environment_id')
      .notNull()
      .references(() => environments.id, { onDelete: 'cascade' }),
    kind: connectionKind('kind').notNull(),
    name: text('name').notNull(),
    // Kind-specific, non-secret settings (URL host shown, recipients, extra header names…).
    config: jsonb('config').$type<Record<string, unknown>>().notNull().default({}),
    // Secrets (signing secret, Slack URL, header values) encrypted with a key from the environment.
    secretsEncrypted: text('secrets_encrypted'),
    eventKeys: text('event_keys').array().notNull().default([]),
    enabled: boolean('enabled').notNull().default(true),
    // Why it is off when the product turned it off (410, Slack's no_service, 5 days of failures).
    disabledReason: text('disabled_reason'),
    disabledAt: timestamp('disabled_at', { withTimezone: true }),
    // The first failed attempt since the last success: five days of failures disable the connection.
    failingSince: timestamp('failing_since', { withTimezone: true }),
    // Slack allows about one message a second per incoming webhook; workers claim past this time only.
    pacedUntil: timestamp('paced_until', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('connections_environment_idx').on(t.environmentId)],
);

/** The outbox and the delivery log: one row per message per connection. */
export const deliveries = pgTable(
  'deliveries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    environmentId: integer('environment_id')
      .notNull()
      .references(() => environments.id, { onDelete: 'cascade' }),
    connectionId: uuid('connection_id')
      .notNull()
      .references(() => connections.id, { onDelete: 'cascade' }),
    // Stable across retries so receivers can de-duplicate (the Standard Webhooks webhook-id).
    messageId: text('message_id').notNull(),
    eventKey: text('event_key').notNull(),
    payload: jsonb('payload').notNull(),
    status: deliveryStatus('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).defaultNow(),
    lastResponseCode: integer('last_response_code'),
    lastLatencyMs: integer('last_latency_ms'),
    lastResponseExcerpt: text('last_response_excerpt'),
    lastError: text('last_error'),
    lastAttemptAt: timestamp('last_attempt_at', { withTimezone: true }),
    // Sent from the dashboard's test-send: logged like any delivery, never retried on its own.
    isTest: boolean('is_test').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // Workers claim due rows with FOR UPDATE SKIP LOCKED through this partial index.
    index('deliveries_due_idx')
      .on(t.nextAttemptAt)
      .where(sql`${t.status} = 'pending'`),
    index('deliveries_connection_idx').on(t.connectionId, t.createdAt),
    index('deliveries_environment_idx').on(t.environmentId, t.createdAt),
  ],
);
