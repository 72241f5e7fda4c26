/** Revokes a registered public key: assertions signed with it are refused from now on. */
import { and, eq, isNull } from 'drizzle-orm';
import type { Database } from '~/db/client';
import { clientKeys } from '~/db/schema';
import { recordAuditEvent } from '../audit/record-audit-event';
import { AppError } from '../errors';
import { auditActor, type Actor } from './audit-actor';
import { clientRowId } from './get-client';

export async function removeClientKey(db: Database, opts: { clientId: string; kid: string }, actor: Actor): Promise<void> {
  const id = await clientRowId(db, opts.clientId);
  await db.transaction(async (tx) => {
    const revoked = await tx
      .update(clientKeys)
      .set({ revokedAt: new Date() })
      .where(and(eq(clientKeys.apiClientId, id), eq(clientKeys.kid, opts.kid), isNull(clientKeys.revokedAt)))
      .returning({ id: clientKeys.id });
    if (revoked.length === 0) throw new AppError('NOT_FOUND', `the client has no active key ${opts.kid}`);
    await recordAuditEvent(tx, {
      ...auditActor(actor),
      action: 'client.key_removed',
      targetType: 'client',
      targetId: opts.clientId,
      details: { kid: opts.kid },
    });
  });
}
