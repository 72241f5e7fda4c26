/**
 * M13, M14 and `DELETE /v1/services/{name}` (admin): removes a service an administrator added. Soft: the row stays
 * (its orders keep their service) but it is no longer listed or startable; orders already running finish. A service
 * defined in code cannot be deleted (409: hide it with `visible: false`). "Delete every service" (M12) does not exist.
 */
import { and, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '~/db/client';
import { services } from '~/db/schema';
import { auditActor, type Actor } from '../clients/audit-actor';
import { recordAuditEvent } from '../audit/record-audit-event';
import { AppError } from '../errors';

export async function deleteService(db: Database, actor: Actor, by: { id: string } | { name: string }): Promise<void> {
  const label = 'id' in by ? by.id : by.name;
  const notFound = () => new AppError('NOT_FOUND', `service: there is no service ${label}`, { reason: 'UNKNOWN_SERVICE' });
  if ('id' in by && !z.uuid().safeParse(by.id).success) throw notFound();
  await db.transaction(async (tx) => {
    const [row] = await tx
      .select({ id: services.id, name: services.name, origin: services.origin })
      .from(services)
      .where(and(isNull(services.deletedAt), 'id' in by ? eq(services.id, by.id) : eq(services.name, by.name)))
      .for('update');
    if (!row) throw notFound();
    if (row.origin === 'code') {
      throw new AppError(
        'CONFLICT',
        `service: ${row.name} is defined in code and cannot be deleted; hide it with PATCH /v1/services/${row.name} {"visible": false}`,
        { reason: 'DEFINED_IN_CODE' },
      );
    }
    await tx.update(services).set({ deletedAt: new Date(), updatedAt: new Date() }).where(eq(services.id, row.id));
    await recordAuditEvent(tx, { ...auditActor(actor), action: 'service.deleted', targetType: 'service', targetId: row.name });
  });
}
