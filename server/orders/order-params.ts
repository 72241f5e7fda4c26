/**
 * The parameters an accepted order carries to its workflow (resolved by create-order.ts from what the client sent):
 * the store product by code and year, the package format, and the area (an AOI in EPSG:4326, a nation, or Europe).
 * The DAGs validate them again with these schemas before they run.
 */
import { z } from 'zod';

export const PRODUCT_KINDS = ['raster', 'vector'] as const;
export type ProductKind = (typeof PRODUCT_KINDS)[number];
/** Package formats per product kind; the first is the default. */
export const FORMATS = { raster: ['GTiff'], vector: ['GPKG'] } as const satisfies Record<ProductKind, readonly string[]>;

const position = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]);
export const multiPolygon4326 = z
  .object({
    type: z.literal('MultiPolygon'),
    coordinates: z.array(z.array(z.array(position).min(4)).min(1)).min(1),
  })
  .strict();

const productRef = {
  product: z.enum(PRODUCT_KINDS),
  productCode: z.string().regex(/^[a-z][a-z0-9_]*$/),
  year: z.number().int().min(2000).max(2100),
  /** The product's version label, e.g. V1_1 (used in file names). */
  version: z.string().regex(/^V\d+_\d+$/),
  format: z.enum(['GTiff', 'GPKG']),
};

// Not strict: the order also keeps the request as the client sent it (`request`), which the workflow ignores.
export const getProductParams = z.object({ ...productRef, aoi: multiPolygon4326 });
export const nationalProductParams = z.object({ ...productRef, nation: z.string().min(1) });
export const europeProductParams = z.object(productRef);

export type GetProductParams = z.infer<typeof getProductParams>;
export type NationalProductParams = z.infer<typeof nationalProductParams>;
export type EuropeProductParams = z.infer<typeof europeProductParams>;
export type ProductRef = z.infer<typeof europeProductParams>;
