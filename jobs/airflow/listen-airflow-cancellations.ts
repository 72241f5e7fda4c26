/**
 * Cancelling Airflow orders at once: when an Airflow order becomes ABORTED (the status manager's pub/sub, as
 * jobs/engine/cancellation.ts), an `airflow.run` step is enqueued now; it PATCHes the DAG run to failed. A worker that
 * misses the message costs a delay only: the order's next poll (at most 30 s later) sees ABORTED and does the same.
 */
import { eq } from 'drizzle-orm';
import type { Redis } from 'ioredis';
import type { Database } from '~/db/client';
import { orders, services } from '~/db/schema';
import type { Logger } from '~/server/logging/logger';
import { orderChannel, type OrderChange } from '~/server/orders/apply-order-event';
import type { Enqueue } from '~/server/queue/enqueue';

export async function listenForAirflowCancellations(
  connection: Redis,
  prefix: string,
  deps: { db: Database; enqueue: Enqueue; log?: Logger },
): Promise<Redis> {
  const subscriber = connection.duplicate();
  subscriber.on('error', (e) => deps.log?.warn('airflow cancellations subscriber', { error: e.message }));
  await subscriber.subscribe(orderChannel(prefix));
  subscriber.on('message', (_channel, message) => {
    const change = JSON.parse(message) as OrderChange;
    if (change.to !== 'ABORTED' || !change.changed) return;
    cancel(deps, change.orderId).catch((e: unknown) =>
      deps.log?.warn('airflow cancel not enqueued; the next poll cancels', { orderId: change.orderId, error: String(e) }),
    );
  });
  return subscriber;
}

async function cancel(deps: { db: Database; enqueue: Enqueue }, orderId: string) {
  const [o] = await deps.db
    .select({ engine: services.engine })
    .from(orders)
    .innerJoin(services, eq(services.id, orders.serviceId))
    .where(eq(orders.id, orderId));
  if (o?.engine !== 'airflow') return;
  await deps.enqueue('airflow.run', { orderId }, { jobId: `airflow.${orderId}.abort` });
}
