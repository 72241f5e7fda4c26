/** The area of an ROI for an order (`roi_id` in place of `aoi`): only an ROI of the ordering client's customer. */
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '~/db/client';
import { roiNotFound } from './roi-view';

export async function roiArea(db: DbOrTx, apiClientId: string, roiId: string): Promise<unknown> {
  const [r] = await db.execute<{ geojson: string }>(sql`
    select ST_AsGeoJSON(r.geom, 15) as geojson from rois r join api_clients c on c.customer_id = r.customer_id
    where r.id = ${roiId} and c.id = ${apiClientId}`);
  if (!r) throw roiNotFound(roiId);
  return JSON.parse(r.geojson) as unknown;
}
