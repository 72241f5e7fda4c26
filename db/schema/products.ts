/**
 * The product catalogue (one row per product and reference year) and the spatial index of the product store:
 * one row per group (a production unit's block in a netCDF file) with its extent, so "which groups intersect this
 * area" is one GiST-indexed query instead of a scan of every file's attributes.
 */
import { sql } from 'drizzle-orm';
import { bigint, check, doublePrecision, index, integer, pgTable, serial, text, uniqueIndex, varchar } from 'drizzle-orm/pg-core';
import { polygon3035 } from './_postgis';
import { timestamps } from './_columns';
import { productKind } from './enums';
import { productionUnits } from './production';

export const products = pgTable(
  'products',
  {
    id: serial('id').primaryKey(),
    /** Product code, e.g. `clcplus_raster`, `clcplus_vector`, `clcplus_confidence`. */
    code: varchar('code', { length: 64 }).notNull(),
    referenceYear: integer('reference_year').notNull(),
    kind: productKind('kind').notNull(),
    title: varchar('title', { length: 256 }).notNull(),
    version: varchar('version', { length: 16 }).notNull().default('V1_1'),
    /** Location of the product's files in the store (folder, relative to STORE_DIR, or a URL). */
    storeLocation: text('store_location').notNull(),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('products_code_year_key').on(t.code, t.referenceYear),
    check('products_year_check', sql`${t.referenceYear} BETWEEN 2000 AND 2100`),
    check('products_code_check', sql`${t.code} ~ '^[a-z][a-z0-9_]*$'`),
  ],
);

export const storeGroups = pgTable(
  'store_groups',
  {
    id: serial('id').primaryKey(),
    productId: integer('product_id')
      .notNull()
      .references(() => products.id, { onDelete: 'cascade' }),
    groupName: varchar('group_name', { length: 128 }).notNull(),
    productionUnitId: integer('production_unit_id').references(() => productionUnits.id, { onDelete: 'set null' }),
    /** File holding the group, relative to STORE_DIR. */
    filePath: text('file_path').notNull(),
    extent: polygon3035('extent').notNull(),
    /** Raster groups: grid size and pixel size in metres; vector groups: feature count. */
    width: integer('width'),
    height: integer('height'),
    pixelSize: doublePrecision('pixel_size'),
    featureCount: integer('feature_count'),
    bytes: bigint('bytes', { mode: 'number' }),
    sha256: varchar('sha256', { length: 64 }),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('store_groups_product_group_key').on(t.productId, t.groupName),
    index('store_groups_extent_idx').using('gist', t.extent),
    index('store_groups_unit_idx').on(t.productionUnitId),
    check('store_groups_size_check', sql`(${t.width} IS NULL OR ${t.width} > 0) AND (${t.height} IS NULL OR ${t.height} > 0)`),
    check('store_groups_pixel_check', sql`${t.pixelSize} IS NULL OR ${t.pixelSize} > 0`),
  ],
);

export type Product = typeof products.$inferSelect;
export type StoreGroup = typeof storeGroups.$inferSelect;
