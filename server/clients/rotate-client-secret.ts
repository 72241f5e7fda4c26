/**
 * Gives a client a new secret (returned once). Its current secrets keep working for the overlap window, so
 * deployments can switch without downtime, then expire.
 */
import { and, eq, gt, isNull, or } from 'drizzle-orm';
import type { Database } from '~/db/client';
import { clientSecrets } from '~/db/schema';
import { recordAuditEvent } from '../audit/record-audit-event';
import { hashPassword } from '../auth/password';
import { auditActor, type Actor } from './audit-actor';
import { newClientSecret, secretHint } from './generate-credentials';
import { clientRowId } from './get-client';

export async function rotateClientSecret(
  db: Database,
  opts: { clientId: string; overlapHours: number; now?: Date },
  actor: Actor,
): Promise<{ clientSecret: string; previousExpireAt: Date }> {
  const now = opts.now ?? new Date();
  const id = await clientRowId(db, opts.clientId);
  const clientSecret = newClientSecret();
  const secretHash = await hashPassword(clientSecret);
  const previousExpireAt = new Date(now.getTime() + opts.overlapHours * 3_600_000);
  await db.transaction(async (tx) => {
    const live = and(
      eq(clientSecrets.apiClientId, id),
      or(isNull(clientSecrets.expiresAt), gt(clientSecrets.expiresAt, previousExpireAt)),
    );
    await tx.update(clientSecrets).set({ expiresAt: previousExpireAt }).where(live);
    await tx.insert(clientSecrets).values({ apiClientId: id, secretHash, hint: secretHint(clientSecret), createdAt: now });
    await recordAuditEvent(tx, {
      ...auditActor(actor),
      action: 'client.secret_rotated',
      targetType: 'client',
      targetId: opts.clientId,
      details: { previous_secrets_expire_at: previousExpireAt.toISOString() },
    });
  });
  return { clientSecret, previousExpireAt };
}
