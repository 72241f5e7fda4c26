/**
 * Column mixins shared by tables. Invariants:
 * - every timestamp is `timestamptz` (an instant, never a wall-clock time);
 * - `createdAt` is set by the database; `updatedAt` is set by the database on insert and by drizzle on every
 *   update issued through it (`$onUpdate`), so raw SQL updates must set it themselves.
 */
import { sql } from 'drizzle-orm';
import { timestamp } from 'drizzle-orm/pg-core';

export const tstz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const createdAt = () => tstz('created_at').notNull().defaultNow();

export const timestamps = () => ({
  createdAt: createdAt(),
  updatedAt: tstz('updated_at')
    .notNull()
    .defaultNow()
    .$onUpdate(() => sql`now()`),
});
