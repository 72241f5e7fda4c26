/**
 * Order transitions by service and new status, counted by the status manager after its transaction commits
 * (server/orders/apply-order-event.ts). Services are few: their names are looked up once and kept.
 */
import { eq } from 'drizzle-orm';
import type { Database } from '~/db/client';
import { services } from '~/db/schema';
import { counter } from './registry';

export const orderTransitions = counter({
  name: 'clcplus_order_transitions_total',
  help: 'Order status changes committed, by service and the status the order went to',
  labelNames: ['service', 'status'] as const,
});

const names = new Map<string, Promise<string>>();

const serviceName = (db: Database, serviceId: string) => {
  let name = names.get(serviceId);
  if (!name) {
    name = db
      .select({ name: services.name })
      .from(services)
      .where(eq(services.id, serviceId))
      .then(([row]) => row?.name ?? 'unknown');
    name.catch(() => names.delete(serviceId));
    names.set(serviceId, name);
  }
  return name;
};

/** Counts a committed transition; never throws (a metric must not fail an order). */
export async function countOrderTransition(db: Database, serviceId: string, status: string): Promise<void> {
  const service = await serviceName(db, serviceId).catch(() => 'unknown');
  orderTransitions.inc({ service, status });
}
