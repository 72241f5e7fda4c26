/**
 * QC of an incoming raster file for one production unit (before ingestion, or on its own): it must be a GeoTIFF GDAL
 * reads (a path, /vsis3/ or /vsicurl/), then every check of check-raster-dataset.ts. A file GDAL cannot open is a
 * failed report, not an error: the producer gets the same report either way.
 */
import type { Database } from '~/db/client';
import { isAppError } from '../errors';
import { openDataset } from '../storage/open-dataset';
import { checkRasterDataset } from './check-raster-dataset';
import { check, qcReport, type QcReport } from './qc-report';
import { unitBounds } from './unit-bounds';

export type FileQcInput = {
  file: string;
  unit: string;
  referenceYear: number;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
};

export async function checkRasterFile(deps: { db: Database; now?: () => Date }, input: FileQcInput): Promise<QcReport> {
  const base = {
    unit: input.unit,
    product: 'raster' as const,
    referenceYear: input.referenceYear,
    input: { kind: 'file' as const, path: input.file },
    checkedAt: (deps.now?.() ?? new Date()).toISOString(),
  };
  const title = 'A GeoTIFF GDAL reads';
  let ds;
  try {
    ds = openDataset(input.file, 'is it a complete GeoTIFF?');
  } catch (e) {
    if (!isAppError(e)) throw e;
    return qcReport({ ...base, checks: [check('readable', title, false, e.detail)], classes: [] });
  }
  try {
    const driver = ds.driver.description;
    const readable = check(
      'readable',
      title,
      driver === 'GTiff',
      driver === 'GTiff' ? 'GeoTIFF' : `a ${driver} file, not a GeoTIFF; convert it: gdal_translate -of GTiff`,
    );
    const r = await checkRasterDataset({
      ds,
      unit: input.unit,
      referenceYear: input.referenceYear,
      unitBounds: await unitBounds(deps.db, input.unit),
      file: input.file,
      signal: input.signal,
      onProgress: input.onProgress,
    });
    return qcReport({ ...base, checks: [readable, ...r.checks], classes: r.classes });
  } finally {
    ds.close();
  }
}
