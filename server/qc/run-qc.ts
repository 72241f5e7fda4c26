/**
 * The QC of one production unit: an incoming file when `source` is given (raster: a GeoTIFF, vector: a GeoPackage),
 * else the store's group of the unit. What the product_qc and ingest_product workflows run.
 */
import type { Database } from '~/db/client';
import { checkRasterFile } from './check-raster-file';
import { checkStoreGroup } from './check-store-group';
import { checkVectorFile } from './check-vector-file';
import type { QcReport } from './qc-report';

export type RunQcInput = {
  product: 'raster' | 'vector';
  /** The store products behind raster and vector (env RASTER_PRODUCT, VECTOR_PRODUCT). */
  products: { raster: string; vector: string };
  unit: string;
  referenceYear: number;
  /** The incoming file as GDAL opens it (resolved under SOURCE_ROOTS when the order was accepted). */
  source?: string;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
};

export async function runQc(deps: { db: Database; storeDir: string; now?: () => Date }, input: RunQcInput): Promise<QcReport> {
  const { source, products, ...q } = input;
  if (source === undefined) return checkStoreGroup(deps, { ...q, productCode: products[input.product] });
  const check = input.product === 'raster' ? checkRasterFile : checkVectorFile;
  return check(deps, { ...q, file: source });
}
