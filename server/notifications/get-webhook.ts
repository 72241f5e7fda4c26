/** GET /v1/webhooks: the client's webhook (no secret), or 404. */
import { eq } from 'drizzle-orm';
import type { Database } from '~/db/client';
import { webhookEndpoints } from '~/db/schema';
import { noWebhook, type WebhookOwner } from './webhook-owner';
import { toWebhookView, type WebhookView } from './webhook-view';

export async function getWebhook(db: Database, owner: WebhookOwner): Promise<WebhookView> {
  const [e] = await db.select().from(webhookEndpoints).where(eq(webhookEndpoints.apiClientId, owner.apiClientId));
  if (!e) throw noWebhook(owner);
  return toWebhookView(e, owner.clientId);
}
