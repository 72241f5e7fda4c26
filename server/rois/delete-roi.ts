/** O6: deletes the caller's ROI (orders made from it keep their own copy of the area). Audited. */
import { sql } from 'drizzle-orm';
import type { Database } from '~/db/client';
import { rois } from '~/db/schema';
import { recordAuditEvent } from '../audit/record-audit-event';
import { auditActor, type Actor } from '../clients/audit-actor';
import { ownedBy, roiNotFound, type RoiViewer } from './roi-view';

export async function deleteRoi(db: Database, viewer: RoiViewer, actor: Actor, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    const gone = await tx
      .delete(rois)
      .where(sql`${rois.id} = ${id} and ${ownedBy(viewer)}`)
      .returning({ name: rois.name });
    if (!gone.length) throw roiNotFound(id);
    await recordAuditEvent(tx, {
      ...auditActor(actor),
      action: 'roi.deleted',
      targetType: 'roi',
      targetId: id,
      details: { name: gone[0]!.name },
    });
  });
}
