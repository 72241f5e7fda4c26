/** Console users: people who sign in to the operator console, each with one role. */
import { sql } from 'drizzle-orm';
import { check, pgTable, text, uniqueIndex, uuid, varchar } from 'drizzle-orm/pg-core';
import { timestamps, tstz } from './_columns';
import { userRole } from './enums';

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    email: varchar('email', { length: 254 }).notNull(),
    name: varchar('name', { length: 128 }),
    /** scrypt hash in PHC-like form; null for users who only sign in through the configured OIDC provider. */
    passwordHash: text('password_hash'),
    role: userRole('role').notNull().default('viewer'),
    /** The user must choose a new password at next sign-in (set for generated passwords). */
    mustChangePassword: tstz('must_change_password_at'),
    lastSignInAt: tstz('last_sign_in_at'),
    disabledAt: tstz('disabled_at'),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('users_email_lower_key').on(sql`lower(${t.email})`),
    check('users_email_check', sql`${t.email} ~ '^[^@\\s]+@[^@\\s]+$'`),
  ],
);

export type User = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;
