/**
 * An ROI's geometry, checked exactly as an order's AOI: the same parser (server/orders/parse-aoi.ts) and the same
 * PostGIS validity, repair and size checks (check-aoi.ts), with the messages naming `geoJSON`, the ROI's field.
 */
import type { DbOrTx } from '~/db/client';
import { AppError, isAppError } from '../errors';
import { checkAoi } from '../orders/check-aoi';
import { parseAoi, type MultiPolygon } from '../orders/parse-aoi';

export async function roiGeometry(
  db: DbOrTx,
  value: unknown,
  limits: { maxAreaKm2: number; maxPixels: number },
): Promise<MultiPolygon> {
  try {
    return (await checkAoi(db, parseAoi(value), limits)).aoi;
  } catch (e) {
    if (isAppError(e) && e.detail.startsWith('aoi: '))
      throw new AppError(e.code, `geoJSON: ${e.detail.slice(5)}`, { reason: e.reason ?? undefined });
    throw e;
  }
}
