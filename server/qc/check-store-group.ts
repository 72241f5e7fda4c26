/**
 * QC of a production unit as the store holds it (the product's group for the unit and year): the raster cube's
 * latest time step through GDAL's netCDF driver, or the vector group through its GeoPackage copy, with the same
 * checks as an incoming file (check-raster-dataset.ts, check-vector-layer.ts); a store group must also name its unit
 * and year in its metadata. A unit the store does not hold is a failed report.
 */
import path from 'node:path';
import type { Database } from '~/db/client';
import gdal from '../geo/gdal';
import { findGroup } from '../storage/find-groups';
import { readCubeTimes } from '../storage/raster-cube';
import { openVectorGroup } from '../storage/vector-sidecar';
import { checkRasterDataset } from './check-raster-dataset';
import { checkVectorLayer } from './check-vector-layer';
import { check, qcReport, type QcReport } from './qc-report';
import { unitBounds } from './unit-bounds';

export type StoreQcInput = {
  /** The store product (e.g. clcplus_raster) and whether it is the raster or the vector. */
  productCode: string;
  product: 'raster' | 'vector';
  unit: string;
  referenceYear: number;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
};

export async function checkStoreGroup(
  deps: { db: Database; storeDir: string; now?: () => Date },
  input: StoreQcInput,
): Promise<QcReport> {
  const g = await findGroup(deps.db, { product: input.productCode, referenceYear: input.referenceYear, group: input.unit });
  const base = {
    unit: input.unit,
    product: input.product,
    referenceYear: input.referenceYear,
    input: { kind: 'store' as const, path: g ? g.filePath : `${input.productCode}/${input.referenceYear}/${input.unit}` },
    checkedAt: (deps.now?.() ?? new Date()).toISOString(),
  };
  const title = 'The store holds the unit';
  if (!g) {
    const detail = `${input.productCode} ${input.referenceYear} has no group ${input.unit}`;
    return qcReport({ ...base, checks: [check('store-group', title, false, detail)], classes: [] });
  }
  const held = check('store-group', title, true, `${g.filePath} (sha256 ${g.sha256?.slice(0, 12) ?? 'unknown'}…)`);
  const bounds = await unitBounds(deps.db, input.unit);
  const file = path.join(deps.storeDir, g.filePath);
  if (input.product === 'vector') {
    const { ds, layer } = await openVectorGroup(file, g.sha256);
    try {
      const r = checkVectorLayer(layer, { unit: input.unit, unitBounds: bounds, signal: input.signal });
      input.onProgress?.(1, 1);
      return qcReport({ ...base, checks: [held, ...r.checks], classes: r.classes });
    } finally {
      ds.close();
    }
  }
  const { variable, times } = readCubeTimes(file);
  const ds = gdal.open(`NETCDF:"${file}":${variable}`);
  try {
    const r = await checkRasterDataset({
      ds,
      band: times.length,
      unit: input.unit,
      referenceYear: input.referenceYear,
      unitBounds: bounds,
      requireMetadata: true,
      signal: input.signal,
      onProgress: input.onProgress,
    });
    return qcReport({ ...base, checks: [held, ...r.checks], classes: r.classes });
  } finally {
    ds.close();
  }
}
