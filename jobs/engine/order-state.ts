/** The engine's view of an order: read it, and change its state through the status manager (the only writer). */
import { UnrecoverableError } from 'bullmq';
import { eq } from 'drizzle-orm';
import { orders } from '~/db/schema';
import { applyOrderEvent, type OrderEventInput } from '~/server/orders/apply-order-event';
import type { EngineDeps } from './engine-deps';

export async function orderOf(deps: Pick<EngineDeps, 'db'>, orderId: string) {
  const [o] = await deps.db.select().from(orders).where(eq(orders.id, orderId));
  if (!o) throw new UnrecoverableError(`no order ${orderId}`);
  return o;
}

export type OrderRow = Awaited<ReturnType<typeof orderOf>>;

export const recordStatus = (deps: EngineDeps, e: OrderEventInput) =>
  applyOrderEvent({ db: deps.db, redis: deps.redis, channelPrefix: deps.queuePrefix, now: deps.now, enqueue: deps.enqueue }, e);
