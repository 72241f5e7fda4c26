/** O8 (partial) and O9 (whole): changes the caller's ROI; the geometry checked as on creation. Audited. */
import { sql } from 'drizzle-orm';
import type { Database } from '~/db/client';
import { rois } from '~/db/schema';
import { recordAuditEvent } from '../audit/record-audit-event';
import { auditActor, type Actor } from '../clients/audit-actor';
import { isNameTaken, nameTaken } from './create-roi';
import type { PatchRoiBody } from './roi-body';
import { roiGeometry } from './roi-geometry';
import { checkOwnerField, ownedBy, roiColumns, roiNotFound, toRoiView, type RoiView, type RoiViewer } from './roi-view';

export async function updateRoi(
  db: Database,
  limits: { maxAreaKm2: number; maxPixels: number },
  viewer: RoiViewer,
  actor: Actor,
  id: string,
  body: PatchRoiBody & { replace?: boolean },
): Promise<RoiView> {
  checkOwnerField(viewer, body);
  const geom = body.geoJSON === undefined ? undefined : await roiGeometry(db, body.geoJSON, limits);
  const set: Record<string, unknown> = { updatedAt: sql`now()` };
  if (body.name !== undefined) set.name = body.name;
  if (body.description !== undefined || body.replace) set.description = body.description ?? null;
  if (geom) set.geom = sql`ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(geom)}), 4326)`;
  try {
    return await db.transaction(async (tx) => {
      const [r] = await tx
        .update(rois)
        .set(set)
        .where(sql`${rois.id} = ${id} and ${ownedBy(viewer)}`)
        .returning(roiColumns);
      if (!r) throw roiNotFound(id);
      const changed = Object.keys(set).filter((k) => k !== 'updatedAt');
      await recordAuditEvent(tx, {
        ...auditActor(actor),
        action: 'roi.updated',
        targetType: 'roi',
        targetId: id,
        details: { changed },
      });
      return toRoiView(r);
    });
  } catch (e) {
    if (isNameTaken(e)) throw nameTaken(body.name!);
    throw e;
  }
}
