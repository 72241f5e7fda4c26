/**
 * The parameters of product_qc: the EEA QC checks of one production unit's raster or vector product, on the store's
 * group of the unit for the reference year or, with `source`, on an incoming file (a GeoTIFF or GeoPackage GDAL
 * opens, under SOURCE_ROOTS: checked and resolved when the order is accepted, services/start-service.ts).
 */
import { z } from 'zod';

export const productQcParams = z
  .object({
    processing_unit_name: z.string().min(1).max(64),
    product: z.enum(['raster', 'vector']),
    reference_year: z.number().int().min(2000).max(2100),
    /** An incoming file to check instead of the store's group: a server path or a /vsis3/, /vsicurl/ URL. */
    source: z.string().min(1).max(2048).optional(),
  })
  .strict();

export type ProductQcParams = z.infer<typeof productQcParams>;
