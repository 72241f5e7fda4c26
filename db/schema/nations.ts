/**
 * Nations for national products (reference Appendix B): name, ISO 3166 code, the national CRS the product is
 * delivered in, and the boundary. Some countries have several entries (Spain and the Canaries, Portugal and its
 * islands), so the ISO code is not unique; the name is.
 */
import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, serial, varchar } from 'drizzle-orm/pg-core';
import { multiPolygon4326 } from './_postgis';
import { timestamps } from './_columns';

export const nations = pgTable(
  'nations',
  {
    id: serial('id').primaryKey(),
    name: varchar('name', { length: 128 }).notNull().unique(),
    isoCode: varchar('iso_code', { length: 2 }).notNull(),
    /** The code used in the legacy national file names (e.g. `NI` for Northern Ireland, `KS` for Kosovo). */
    fileCode: varchar('file_code', { length: 2 }).notNull(),
    /** EPSG code of the national CRS; null where the reference has none (Turkey: 00000). */
    epsg: integer('epsg'),
    boundary: multiPolygon4326('boundary'),
    ...timestamps(),
  },
  (t) => [
    index('nations_iso_idx').on(t.isoCode),
    index('nations_boundary_idx').using('gist', t.boundary),
    check('nations_iso_check', sql`${t.isoCode} ~ '^[A-Z]{2}$' AND ${t.fileCode} ~ '^[A-Z]{2}$'`),
    check('nations_epsg_check', sql`${t.epsg} IS NULL OR ${t.epsg} BETWEEN 1024 AND 99999`),
  ],
);

export type Nation = typeof nations.$inferSelect;
