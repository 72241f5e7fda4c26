/** O3: one ROI, the caller's own (admins: any); otherwise a 404. */
import { sql } from 'drizzle-orm';
import type { Database } from '~/db/client';
import { rois } from '~/db/schema';
import { ownedBy, roiColumns, roiNotFound, toRoiView, type RoiView, type RoiViewer } from './roi-view';

export async function getRoi(db: Database, viewer: RoiViewer, id: string): Promise<RoiView> {
  const [r] = await db
    .select(roiColumns)
    .from(rois)
    .where(sql`${rois.id} = ${id} and ${ownedBy(viewer)}`);
  if (!r) throw roiNotFound(id);
  return toRoiView(r);
}
