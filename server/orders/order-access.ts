/**
 * Who may see an order: its owner (the API client that placed it) or an admin (scope `admin`). Anyone else gets
 * the same 404 as for an order that does not exist, so order ids cannot be probed.
 */
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '~/db/client';
import { orders, services, type Order } from '~/db/schema';
import { AppError } from '../errors';

export type OrderViewer = { apiClientId: string; admin: boolean };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const notFound = (id: string) => new AppError('NOT_FOUND', `no order ${id}`, { reason: 'ORDER_NOT_FOUND' });

export async function findVisibleOrder(
  db: DbOrTx,
  viewer: OrderViewer,
  orderId: string,
): Promise<Order & { serviceName: string }> {
  if (!UUID.test(orderId)) throw notFound(orderId);
  const [row] = await db
    .select({ order: orders, serviceName: services.name })
    .from(orders)
    .innerJoin(services, eq(services.id, orders.serviceId))
    .where(eq(orders.id, orderId.toLowerCase()));
  if (!row || (!viewer.admin && row.order.apiClientId !== viewer.apiClientId)) throw notFound(orderId);
  return { ...row.order, serviceName: row.serviceName };
}
