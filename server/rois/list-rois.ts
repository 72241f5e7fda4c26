/** O2, O4: the caller's ROIs by name (admins: everyone's, or one customer's). */
import { asc, sql } from 'drizzle-orm';
import type { Database } from '~/db/client';
import { rois } from '~/db/schema';
import { AppError } from '../errors';
import { ownedBy, roiColumns, toRoiView, type RoiView, type RoiViewer } from './roi-view';

export async function listRois(db: Database, viewer: RoiViewer, q: { customerId?: string } = {}): Promise<RoiView[]> {
  if (q.customerId !== undefined && !viewer.admin && q.customerId !== viewer.customerId)
    throw new AppError('NOT_FOUND', `user_id: there is no customer ${q.customerId}`, { reason: 'UNKNOWN_USER' });
  const rows = await db
    .select(roiColumns)
    .from(rois)
    .where(sql`${ownedBy(viewer)} ${q.customerId ? sql`and ${rois.customerId} = ${q.customerId}` : sql``}`)
    .orderBy(asc(rois.name), asc(rois.id))
    .limit(1000);
  return rows.map(toRoiView);
}
