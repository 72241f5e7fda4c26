/**
 * PUT /v1/webhooks: registers the client's webhook, or replaces its URL and events (and enables it again after a
 * 410). The destination is checked first (check-destination.ts: 422 naming `url` and why). A new webhook gets its
 * signing secret, returned here only (stored sealed with KEY_ENCRYPTION_KEY); a replacement keeps the secret.
 * Audited (the URL's origin only, never the secret).
 */
import { eq } from 'drizzle-orm';
import type { Database } from '~/db/client';
import { webhookEndpoints } from '~/db/schema';
import { recordAuditEvent } from '../audit/record-audit-event';
import { seal } from '../auth/secret-box';
import { auditActor, type Actor } from '../clients/audit-actor';
import { checkDestination, type Resolve } from './check-destination';
import type { NotificationSettings } from './settings';
import { newWebhookSecret } from './sign-webhook';
import type { SaveWebhookBody } from './webhook-body';
import type { WebhookOwner } from './webhook-owner';
import { originOf, toWebhookView, type WebhookView } from './webhook-view';

export async function saveWebhook(
  deps: { db: Database; settings: NotificationSettings; encryptionKey: string; resolve?: Resolve },
  actor: Actor,
  owner: WebhookOwner,
  body: SaveWebhookBody,
): Promise<{ webhook: WebhookView; secret: string | null }> {
  await checkDestination(body.url, deps.settings.allowList, 'url', deps.resolve);
  const secret = newWebhookSecret();
  return deps.db.transaction(async (tx) => {
    const events = body.events ?? null;
    const [created] = await tx
      .insert(webhookEndpoints)
      .values({ apiClientId: owner.apiClientId, url: body.url, events, secretSealed: seal(secret, deps.encryptionKey) })
      .onConflictDoNothing({ target: webhookEndpoints.apiClientId })
      .returning();
    const row =
      created ??
      (
        await tx
          .update(webhookEndpoints)
          .set({ url: body.url, events, disabledAt: null, disabledReason: null })
          .where(eq(webhookEndpoints.apiClientId, owner.apiClientId))
          .returning()
      )[0]!;
    await recordAuditEvent(tx, {
      ...auditActor(actor),
      action: created ? 'webhook.created' : 'webhook.replaced',
      targetType: 'api_client',
      targetId: owner.clientId,
      details: { origin: originOf(body.url), events: events ?? 'all' },
    });
    return { webhook: toWebhookView(row, owner.clientId), secret: created ? secret : null };
  });
}
