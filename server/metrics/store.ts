/** Reads of the product store (server/storage/read-raster.ts, vector-store.ts), by product kind and access. */
import { counter } from './registry';

export const storeReads = counter({
  name: 'clcplus_store_reads_total',
  help: 'Reads of the product store by kind (raster, vector) and access (group, bounds, strips, attribute)',
  labelNames: ['kind', 'access'] as const,
});

export const countStoreRead = (kind: 'raster' | 'vector', access: 'group' | 'bounds' | 'strips' | 'attribute') =>
  storeReads.inc({ kind, access });
