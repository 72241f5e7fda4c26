/**
 * POST /v1/webhooks/test: a `ping` to the client's webhook, sent now (one attempt, no retry), signed like every
 * message; the answer is the delivery with that attempt, also listed under GET /v1/webhooks/deliveries.
 */
import { eq } from 'drizzle-orm';
import { notificationDeliveries, webhookEndpoints } from '~/db/schema';
import { deliverNotification, type DeliverDeps } from './deliver-notification';
import { PING } from './events';
import { deliveryViews, type DeliveryView } from './list-deliveries';
import { noWebhook, type WebhookOwner } from './webhook-owner';

export async function testWebhook(deps: DeliverDeps, owner: WebhookOwner): Promise<DeliveryView> {
  const now = deps.now?.() ?? new Date();
  const [endpoint] = await deps.db
    .select({ url: webhookEndpoints.url })
    .from(webhookEndpoints)
    .where(eq(webhookEndpoints.apiClientId, owner.apiClientId));
  if (!endpoint) throw noWebhook(owner);
  const [d] = await deps.db
    .insert(notificationDeliveries)
    .values({
      apiClientId: owner.apiClientId,
      channel: 'webhook',
      eventType: PING,
      destination: endpoint.url,
      payload: {
        type: PING,
        timestamp: now.toISOString(),
        data: { client_id: owner.clientId, message: 'A test message from CLC+ Backbone (POST /v1/webhooks/test)' },
      },
      nextAttemptAt: now,
      createdAt: now,
    })
    .returning({ id: notificationDeliveries.id });
  await deliverNotification(deps, d!.id);
  return (await deliveryViews(deps.db, [d!.id]))[0]!;
}
