/** Disables a client (no new tokens; its existing tokens are refused by the guard at once) or enables it again. */
import { eq } from 'drizzle-orm';
import type { Database } from '~/db/client';
import { apiClients } from '~/db/schema';
import { recordAuditEvent } from '../audit/record-audit-event';
import { AppError } from '../errors';
import { auditActor, type Actor } from './audit-actor';

export async function setClientDisabled(
  db: Database,
  opts: { clientId: string; disabled: boolean },
  actor: Actor,
): Promise<void> {
  await db.transaction(async (tx) => {
    const updated = await tx
      .update(apiClients)
      .set({ disabledAt: opts.disabled ? new Date() : null })
      .where(eq(apiClients.clientId, opts.clientId))
      .returning({ id: apiClients.id });
    if (updated.length === 0) throw new AppError('NOT_FOUND', `no client with client_id ${opts.clientId}`);
    await recordAuditEvent(tx, {
      ...auditActor(actor),
      action: opts.disabled ? 'client.disabled' : 'client.enabled',
      targetType: 'client',
      targetId: opts.clientId,
    });
  });
}
