import { sql } from 'drizzle-orm';
import { bigserial, index, integer, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

export const adminRole = pgEnum('admin_role', ['owner', 'admin', 'viewer']);

/** People who sign in to the dashboard. Not the host app's users (see `users`). */
export const adminUsers = pgTable(
  'admin_users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    email: text('email').notNull(),
    name: text('name'),
    // Null for people who only sign in through the OIDC provider.
    passwordHash: text('password_hash'),
    role: adminRole('role').notNull().default('viewer'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastSignInAt: timestamp('last_sign_in_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('admin_users_email_key').on(sql`lower(${t.email})`)],
);

/** Values the instance generates once and keeps, e.g. the session signing secret. */
export const instanceSettings = pgTable('instance_settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * One row per signed-in browser. The session cookie (a JWT) carries the row's id, and every
 * request checks that the row still exists: signing out deletes it, and a password change, a role
 * change or removal deletes that person's rows, so a copied cookie stops working at once rather
 * than when the JWT expires.
 */
export const adminSessions = pgTable(
  'admin_sessions',
  {
    id: text('id').primaryKey(),
    adminId: uuid('admin_id')
      .notNull()
      .references(() => adminUsers.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('admin_sessions_admin_idx').on(t.adminId)],
);

/**
 * Sign-in throttling, shared by every process on the database: failures per key — a client
 * address, or an email tried from a client address — and until when the key is locked
 * (lib/auth/sign-in-throttle.ts).
 */
export const signInThrottles = pgTable('sign_in_throttles', {
  key: text('key').primaryKey(),
  failures: integer('failures').notNull().default(0),
  lastFailureAt: timestamp('last_failure_at', { withTimezone: true }),
  lockedUntil: timestamp('locked_until', { withTimezone: true }),
});

/** Failed sign-ins, for owners to see (Settings → Team). Pruned after 30 days. */
export const signInFailures = pgTable(
  'sign_in_failures',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    email: text('email').notNull(),
    clientAddress: text('client_address').notNull(),
    // 'password' (a wrong password) or 'unknown' (no such account, or one without a password).
    reason: text('reason').notNull(),
  },
  (t) => [index('sign_in_failures_at_idx').on(t.at)],
);
