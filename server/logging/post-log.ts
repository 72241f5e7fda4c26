/**
 * L1–L3: a client logs a message for one of the services (`service_module_name` must name an installed service),
 * optionally about one of its own orders (another client's order is a 404). The record goes to the log sink's queue,
 * or straight into the table when Redis does not take it.
 */
import { and, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '~/db/client';
import { orders, services } from '~/db/schema';
import { AppError } from '../errors';
import type { Enqueue } from '../queue/enqueue';
import type { LogRecordInput } from './schemas';
import { writeLogs } from './write-logs';

export const postLogBody = z
  .object({
    service_module_name: z.string().trim().min(1, 'must not be empty').max(64),
    log_message: z.string().trim().min(1, 'must not be empty').max(16_384, 'at most 16,384 characters'),
    order_id: z.uuid({ error: 'an order id' }).optional(),
  })
  .strict();

export async function postLog(
  deps: { db: Database; enqueue: Enqueue },
  viewer: { apiClientId: string; clientId: string; admin: boolean },
  level: LogRecordInput['level'],
  b: z.infer<typeof postLogBody>,
): Promise<void> {
  const [s] = await deps.db
    .select({ id: services.id })
    .from(services)
    .where(and(eq(services.name, b.service_module_name), isNull(services.deletedAt)));
  if (!s)
    throw new AppError('VALIDATION', `service_module_name: there is no service ${b.service_module_name}`, {
      reason: 'UNKNOWN_SERVICE',
    });
  if (b.order_id) {
    const [o] = await deps.db.select({ owner: orders.apiClientId }).from(orders).where(eq(orders.id, b.order_id));
    if (!o || (!viewer.admin && o.owner !== viewer.apiClientId))
      throw new AppError('NOT_FOUND', `order_id: there is no order ${b.order_id}`, { reason: 'UNKNOWN_ORDER' });
  }
  const record: LogRecordInput = {
    level,
    service: b.service_module_name,
    message: b.log_message,
    at: new Date().toISOString(),
    context: { source: 'api', client_id: viewer.clientId },
    ...(b.order_id ? { orderId: b.order_id } : {}),
  };
  try {
    await deps.enqueue('logs.write', { records: [record] });
  } catch {
    await writeLogs(deps.db, [record]);
  }
}
