/**
 * What an OGC job's `subscriber` receives (conformance class callback), POSTed and signed by the notification sender
 * (server/notifications/deliver-notification.ts, Standard Webhooks headers): the results document on success
 * (successUri), the statusInfo otherwise (inProgressUri when it starts running, failedUri when it failed, could not
 * be run or was dismissed). Built from the order status the outbox carries, the download link signed at sending.
 */
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '~/db/client';
import { orders } from '~/db/schema';
import type { OrderStatusView } from '../orders/get-order-status';
import type { OrderStatus } from '../orders/order-status';
import { processKind } from './process-description';
import { resultsDocument } from './results-document';
import { toStatusInfo } from './status-info';

const date = (s: string | null) => (s ? new Date(s) : null);

export async function ogcCallbackBody(db: DbOrTx, view: OrderStatusView, payload: { type: string; timestamp: string }) {
  const kind = processKind(view.service);
  if (payload.type === 'order.succeeded') {
    const [row] =
      kind === 'production' ? await db.select({ result: orders.result }).from(orders).where(eq(orders.id, view.order_id)) : [];
    return resultsDocument(kind, view, row?.result ?? null);
  }
  return toStatusInfo({
    id: view.order_id,
    serviceName: view.service,
    status: view.status as OrderStatus,
    progress: view.progress,
    receivedAt: new Date(view.submitted_at),
    startedAt: date(view.started_at),
    stoppedAt: date(view.stopped_at),
    updatedAt: new Date(payload.timestamp),
    errorMessage: view.error?.message ?? null,
  });
}
