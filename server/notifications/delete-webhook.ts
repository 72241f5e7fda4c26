/**
 * DELETE /v1/webhooks: removes the client's webhook and its secret. Deliveries still pending to it, and to the
 * orders' callback URLs (which its secret signed), are failed at once: nothing is left to sign them with. Audited.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { Database } from '~/db/client';
import { notificationDeliveries, webhookEndpoints } from '~/db/schema';
import { recordAuditEvent } from '../audit/record-audit-event';
import { auditActor, type Actor } from '../clients/audit-actor';
import { noWebhook, type WebhookOwner } from './webhook-owner';
import { originOf } from './webhook-view';

export async function deleteWebhook(db: Database, actor: Actor, owner: WebhookOwner): Promise<{ failed: number }> {
  return db.transaction(async (tx) => {
    const [gone] = await tx
      .delete(webhookEndpoints)
      .where(eq(webhookEndpoints.apiClientId, owner.apiClientId))
      .returning({ url: webhookEndpoints.url });
    if (!gone) throw noWebhook(owner);
    const now = new Date();
    const failed = await tx
      .update(notificationDeliveries)
      .set({ state: 'failed', nextAttemptAt: null, lockedUntil: null, finishedAt: now, lastError: 'the webhook was removed' })
      .where(
        and(
          eq(notificationDeliveries.apiClientId, owner.apiClientId),
          eq(notificationDeliveries.state, 'pending'),
          inArray(notificationDeliveries.channel, ['webhook', 'callback']),
        ),
      )
      .returning({ id: notificationDeliveries.id });
    await recordAuditEvent(tx, {
      ...auditActor(actor),
      action: 'webhook.removed',
      targetType: 'api_client',
      targetId: owner.clientId,
      details: { origin: originOf(gone.url), pending_failed: failed.length },
    });
    return { failed: failed.length };
  });
}
