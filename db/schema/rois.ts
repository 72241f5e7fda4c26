/** Regions of interest: named areas a customer saves to order against. */
import { sql } from 'drizzle-orm';
import { check, index, pgTable, text, uniqueIndex, uuid, varchar } from 'drizzle-orm/pg-core';
import { multiPolygon4326 } from './_postgis';
import { timestamps } from './_columns';
import { customers } from './customers';

export const rois = pgTable(
  'rois',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    name: varchar('name', { length: 128 }).notNull(),
    description: text('description'),
    geom: multiPolygon4326('geom').notNull(),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('rois_customer_name_key').on(t.customerId, t.name),
    index('rois_geom_idx').using('gist', t.geom),
    check('rois_geom_valid_check', sql`ST_IsValid(${t.geom})`),
  ],
);

export type Roi = typeof rois.$inferSelect;
