/** O1: saves an ROI for the caller's customer; a second ROI of the same name is a 409. Audited. */
import { rois } from '~/db/schema';
import type { Database } from '~/db/client';
import { recordAuditEvent } from '../audit/record-audit-event';
import { auditActor, type Actor } from '../clients/audit-actor';
import { AppError } from '../errors';
import type { CreateRoiBody } from './roi-body';
import { roiGeometry } from './roi-geometry';
import { checkOwnerField, roiColumns, toRoiView, type RoiView, type RoiViewer } from './roi-view';
import { sql } from 'drizzle-orm';

/** The unique (customer, name) index refused the row (drizzle wraps the driver's error as `cause`). */
export const isNameTaken = (e: unknown) => /rois_customer_name_key/.test(String((e as { cause?: unknown }).cause ?? e));
export const nameTaken = (name: string) =>
  new AppError('CONFLICT', `name: you already have an ROI named "${name}"`, { reason: 'ROI_NAME_TAKEN' });

export async function createRoi(
  db: Database,
  limits: { maxAreaKm2: number; maxPixels: number },
  viewer: RoiViewer,
  actor: Actor,
  body: CreateRoiBody,
): Promise<RoiView> {
  checkOwnerField(viewer, body);
  const geom = await roiGeometry(db, body.geoJSON, limits);
  try {
    return await db.transaction(async (tx) => {
      const [r] = await tx
        .insert(rois)
        .values({
          customerId: viewer.customerId,
          name: body.name,
          description: body.description ?? null,
          geom: sql`ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(geom)}), 4326)` as never,
        })
        .returning(roiColumns);
      await recordAuditEvent(tx, {
        ...auditActor(actor),
        action: 'roi.created',
        targetType: 'roi',
        targetId: r!.id,
        details: { name: body.name },
      });
      return toRoiView(r!);
    });
  } catch (e) {
    if (isNameTaken(e)) throw nameTaken(body.name);
    throw e;
  }
}
