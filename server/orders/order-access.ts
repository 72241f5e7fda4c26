/**
 * Who may see an order: its owner (the API client that placed it) or an admin (scope `admin`). Anyone else gets
 * the same 404 as for an order that does not exist, so order ids cannot be probed.
 */
import { eq, getTableColumns } from 'drizzle-orm';
import type { DbOrTx } from '~/db/client';
import { orders, services, type Order } from '~/db/schema';
import { AppError } from '../errors';

export type OrderViewer = { apiClientId: string; admin: boolean };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const notFound = (id: string) => new AppError('NOT_FOUND', `no order ${id}`, { reason: 'ORDER_NOT_FOUND' });

/** The order id as stored (lower case), or the 404 a wrong id gets. */
export function orderIdOf(orderId: string): string {
  if (!UUID.test(orderId)) throw notFound(orderId);
  return orderId.toLowerCase();
}

/** The row if the viewer may see it, else the same 404 as for an order that does not exist. */
export function visibleTo<T extends { apiClientId: string | null }>(viewer: OrderViewer, orderId: string, row: T | undefined): T {
  if (!row || (!viewer.admin && row.apiClientId !== viewer.apiClientId)) throw notFound(orderId);
  return row;
}

// Everything but the AOI and the request, which can be megabytes and which these callers never read.
const { aoi: _aoi, params: _params, ...summaryColumns } = getTableColumns(orders);
export type OrderSummary = Omit<Order, 'aoi' | 'params'> & { serviceName: string };

export async function findVisibleOrder(db: DbOrTx, viewer: OrderViewer, orderId: string): Promise<OrderSummary> {
  const [row] = await db
    .select({ ...summaryColumns, serviceName: services.name })
    .from(orders)
    .innerJoin(services, eq(services.id, orders.serviceId))
    .where(eq(orders.id, orderIdOf(orderId)));
  return visibleTo(viewer, orderId, row);
}
