import { sql } from 'drizzle-orm';
import { pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

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
