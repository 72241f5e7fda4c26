/**
 * The outbox, written by the status manager (apply-order-event.ts) in the transaction that changes the order: for an
 * event worth telling (RUNNING once, every final state; events.ts) one delivery per destination —
 * - the client's webhook, unless disabled or not subscribed to this event type;
 * - the order's `callback_url` (every event; signed with the client's webhook secret);
 * - an OGC job's `subscriber` URI for the event (running → inProgressUri, succeeded → successUri, failed, invalid or
 *   aborted → failedUri), signed the same way; its body is the OGC document (server/ogc/callback-body.ts);
 * - the customer's e-mail address, on a final state, when SMTP is configured.
 * Each carries the order status as of this transaction (the JSON of GET /v1/services/order_status/{id}, the
 * download link excepted: it is signed when sent). Committed with the order or not at all, so no event is lost; the
 * sender (deliver-notification.ts) and the sweep (sweep-notifications.ts) take it from there.
 */
import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '~/db/client';
import { apiClients, customers, notificationDeliveries, webhookEndpoints, type Order } from '~/db/schema';
import { readOrderStatusIn } from '../orders/get-order-status';
import { isFinal, type OrderStatus } from '../orders/order-status';
import { eventOfStatus } from './events';
import type { NotificationSettings } from './settings';

type Destination = { channel: 'webhook' | 'callback' | 'email'; destination: string; ogc?: true };

const SUBSCRIBER_URI = {
  'order.running': 'inProgressUri',
  'order.succeeded': 'successUri',
  'order.failed': 'failedUri',
  'order.invalid': 'failedUri',
  'order.aborted': 'failedUri',
} as const;

export async function recordOrderNotifications(
  tx: DbOrTx,
  order: Pick<Order, 'id' | 'apiClientId' | 'callbackUrl' | 'ogc'>,
  change: { to: OrderStatus; at: Date },
  settings: NotificationSettings,
): Promise<string[]> {
  const type = eventOfStatus(change.to);
  if (!type || !order.apiClientId) return [];
  const [owner] = await tx
    .select({
      endpointUrl: webhookEndpoints.url,
      events: webhookEndpoints.events,
      disabledAt: webhookEndpoints.disabledAt,
      email: sql<string | null>`case when ${customers.deletedAt} is null then ${customers.email} end`,
    })
    .from(apiClients)
    .innerJoin(customers, eq(customers.id, apiClients.customerId))
    .leftJoin(webhookEndpoints, eq(webhookEndpoints.apiClientId, apiClients.id))
    .where(eq(apiClients.id, order.apiClientId));
  if (!owner) return [];
  const to: Destination[] = [];
  if (owner.endpointUrl && !owner.disabledAt && (!owner.events || owner.events.includes(type))) {
    to.push({ channel: 'webhook', destination: owner.endpointUrl });
  }
  if (order.callbackUrl) to.push({ channel: 'callback', destination: order.callbackUrl });
  const subscriberUri = order.ogc?.subscriber?.[SUBSCRIBER_URI[type]];
  if (subscriberUri) to.push({ channel: 'callback', destination: subscriberUri, ogc: true });
  if (isFinal(change.to) && settings.mail && owner.email) to.push({ channel: 'email', destination: owner.email });
  if (!to.length) return [];

  const data = await readOrderStatusIn(tx, order.id, change.at);
  if (!data) return [];
  const payload = { type, timestamp: change.at.toISOString(), data };
  const rows = await tx
    .insert(notificationDeliveries)
    .values(
      to.map((d) => ({
        apiClientId: order.apiClientId!,
        orderId: order.id,
        channel: d.channel,
        eventType: type,
        destination: d.destination,
        payload: d.ogc ? { ...payload, format: 'ogc' as const } : payload,
        nextAttemptAt: change.at,
        createdAt: change.at,
      })),
    )
    .returning({ id: notificationDeliveries.id });
  return rows.map((r) => r.id);
}
