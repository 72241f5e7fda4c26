/**
 * POST /v1/webhooks/rotate_secret: a new signing secret, returned here only. The previous one goes on signing
 * beside it (a second signature in `webhook-signature`) for WEBHOOK_SECRET_OVERLAP_HOURS, so a receiver can switch
 * without losing a message. Audited (never the secret).
 */
import { eq } from 'drizzle-orm';
import type { Database } from '~/db/client';
import { webhookEndpoints } from '~/db/schema';
import { recordAuditEvent } from '../audit/record-audit-event';
import { seal } from '../auth/secret-box';
import { auditActor, type Actor } from '../clients/audit-actor';
import { newWebhookSecret } from './sign-webhook';
import { noWebhook, type WebhookOwner } from './webhook-owner';
import { toWebhookView, type WebhookView } from './webhook-view';

export const WEBHOOK_SECRET_OVERLAP_HOURS = 24;

export async function rotateWebhookSecret(
  deps: { db: Database; encryptionKey: string; now?: () => Date },
  actor: Actor,
  owner: WebhookOwner,
): Promise<{ webhook: WebhookView; secret: string }> {
  const now = deps.now?.() ?? new Date();
  const secret = newWebhookSecret();
  return deps.db.transaction(async (tx) => {
    const [old] = await tx
      .select()
      .from(webhookEndpoints)
      .where(eq(webhookEndpoints.apiClientId, owner.apiClientId))
      .for('update');
    if (!old) throw noWebhook(owner);
    const [row] = await tx
      .update(webhookEndpoints)
      .set({
        secretSealed: seal(secret, deps.encryptionKey),
        previousSecretSealed: old.secretSealed,
        previousSecretExpiresAt: new Date(now.getTime() + WEBHOOK_SECRET_OVERLAP_HOURS * 3600_000),
      })
      .where(eq(webhookEndpoints.id, old.id))
      .returning();
    await recordAuditEvent(tx, {
      ...auditActor(actor),
      action: 'webhook.secret_rotated',
      targetType: 'api_client',
      targetId: owner.clientId,
    });
    return { webhook: toWebhookView(row!, owner.clientId, now), secret };
  });
}
