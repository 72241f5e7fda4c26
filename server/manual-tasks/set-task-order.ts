/**
 * M21: sets the automatic order a manual task refers to: it must be a SUCCESS order of the task's service for the
 * task's unit (the reference checked neither the service nor the unit). Recorded as an event.
 */
import { and, eq } from 'drizzle-orm';
import type { Database } from '~/db/client';
import { manualTaskEvents, manualTasks, orders } from '~/db/schema';
import { AppError } from '../errors';
import { checkClientField, serviceOf, taskTypeOf, unitsNamed } from './resolve-task-refs';

export async function setTaskOrder(
  db: Database,
  caller: { clientId: string },
  b: { refers_to_order_id: string; processing_unit: string; service_id: string; task_id: string; client_id?: string },
) {
  checkClientField(caller, b.client_id);
  const type = await taskTypeOf(db, b.task_id);
  const service = await serviceOf(db, b.service_id);
  const [unit] = await unitsNamed(db, 'processing_unit', [b.processing_unit]);
  const [o] = await db
    .select({ status: orders.status, serviceId: orders.serviceId, unit: orders.productionUnitId })
    .from(orders)
    .where(eq(orders.id, b.refers_to_order_id));
  if (!o)
    throw new AppError('UNPROCESSABLE', `refers_to_order_id: there is no order ${b.refers_to_order_id}`, {
      reason: 'UNKNOWN_ORDER',
    });
  if (o.serviceId !== service.id || o.unit !== unit!.id)
    throw new AppError('UNPROCESSABLE', `refers_to_order_id: that order is not a ${service.name} order of ${unit!.code}`, {
      reason: 'OTHER_ORDER',
    });
  if (o.status !== 'SUCCESS')
    throw new AppError(
      'UNPROCESSABLE',
      `refers_to_order_id: that order is ${o.status}; a task refers to a finished (SUCCESS) order`,
      {
        reason: 'ORDER_NOT_FINISHED',
      },
    );
  return db.transaction(async (tx) => {
    const [t] = await tx
      .update(manualTasks)
      .set({ orderId: b.refers_to_order_id, updatedAt: new Date() })
      .where(
        and(
          eq(manualTasks.productionUnitId, unit!.id),
          eq(manualTasks.serviceId, service.id),
          eq(manualTasks.taskTypeId, type.id),
        ),
      )
      .returning({ id: manualTasks.id, state: manualTasks.state });
    if (!t)
      throw new AppError('NOT_FOUND', `processing_unit: no "${type.name}" task on ${service.name} for ${unit!.code}`, {
        reason: 'NO_TASK',
      });
    await tx.insert(manualTaskEvents).values({
      manualTaskId: t.id,
      fromState: t.state,
      toState: t.state,
      orderId: b.refers_to_order_id,
      actor: `client:${caller.clientId}`,
    });
    return { message: 'Your update has been successfully submitted', refers_to_order_id: b.refers_to_order_id };
  });
}
