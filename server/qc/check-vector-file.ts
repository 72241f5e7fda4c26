/**
 * QC of an incoming vector file (GeoPackage, or any OGR source GDAL reads) for one production unit: it must open and
 * hold a layer, then every check of check-vector-layer.ts. A file GDAL cannot open is a failed report, not an error.
 */
import type { Database } from '~/db/client';
import { isAppError } from '../errors';
import { openDataset } from '../storage/open-dataset';
import { checkVectorLayer } from './check-vector-layer';
import { check, qcReport, type QcReport } from './qc-report';
import type { FileQcInput } from './check-raster-file';
import { unitBounds } from './unit-bounds';

export async function checkVectorFile(deps: { db: Database; now?: () => Date }, input: FileQcInput): Promise<QcReport> {
  const base = {
    unit: input.unit,
    product: 'vector' as const,
    referenceYear: input.referenceYear,
    input: { kind: 'file' as const, path: input.file },
    checkedAt: (deps.now?.() ?? new Date()).toISOString(),
  };
  const title = 'A vector file GDAL reads, with a layer';
  const bounds = await unitBounds(deps.db, input.unit);
  let ds;
  try {
    ds = openDataset(input.file, 'is it a complete GeoPackage?');
  } catch (e) {
    if (!isAppError(e)) throw e;
    return qcReport({ ...base, checks: [check('readable', title, false, e.detail)], classes: [] });
  }
  try {
    if (ds.layers.count() === 0)
      return qcReport({ ...base, checks: [check('readable', title, false, `${input.file} has no vector layer`)], classes: [] });
    const layer = ds.layers.get(0);
    const readable = check('readable', title, true, `${ds.driver.description}, layer ${layer.name}`);
    const r = checkVectorLayer(layer, { unit: input.unit, unitBounds: bounds, signal: input.signal });
    input.onProgress?.(1, 1);
    return qcReport({ ...base, checks: [readable, ...r.checks], classes: r.classes });
  } finally {
    ds.close();
  }
}
