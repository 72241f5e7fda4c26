/**
 * M18: records a manual step (a task type) on the automatic service it follows, for production units or for every
 * unit of sub-production units, in progress from now. A task type that requires an order refers, per unit, to the
 * newest SUCCESS order of that service for the unit; a unit without one refuses the whole request (nothing written).
 * One task per (unit, service, task type): a second is a 409 naming the units. Each creation is an event.
 */
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Database } from '~/db/client';
import { manualTaskEvents, manualTasks, orders } from '~/db/schema';
import { AppError } from '../errors';
import type { CreateTasksBody } from './manual-task-body';
import { checkClientField, serviceOf, taskTypeOf, unitsNamed, unitsOfSpus } from './resolve-task-refs';

export async function createManualTasks(db: Database, caller: { clientId: string }, b: CreateTasksBody) {
  checkClientField(caller, b.client_id);
  const type = await taskTypeOf(db, b.task_id);
  const service = await serviceOf(db, b.service_id);
  const units = b.processing_unit
    ? await unitsNamed(db, 'processing_unit', b.processing_unit)
    : await unitsOfSpus(db, 'subproduction_unit', b.subproduction_unit!);
  if (!units.length) throw new AppError('VALIDATION', 'subproduction_unit: it has no production units');
  const orderOf = new Map<number, string>();
  if (type.requiresOrder) {
    const done = await db
      .selectDistinctOn([orders.productionUnitId], { unit: orders.productionUnitId, id: orders.id })
      .from(orders)
      .where(
        and(
          eq(orders.serviceId, service.id),
          eq(orders.status, 'SUCCESS'),
          inArray(
            orders.productionUnitId,
            units.map((u) => u.id),
          ),
        ),
      )
      .orderBy(orders.productionUnitId, desc(orders.stoppedAt));
    for (const d of done) orderOf.set(d.unit!, d.id);
    const missing = units.filter((u) => !orderOf.has(u.id)).map((u) => u.code);
    if (missing.length)
      throw new AppError(
        'UNPROCESSABLE',
        `processing_unit: "${type.name}" refers to a finished ${service.name} order, and ${missing.slice(0, 10).join(', ')}${missing.length > 10 ? ` and ${missing.length - 10} more` : ''} ha${missing.length > 1 ? 've' : 's'} none`,
        { reason: 'NO_FINISHED_ORDER' },
      );
  }
  const actor = `client:${caller.clientId}`;
  try {
    const created = await db.transaction(async (tx) => {
      const rows = await tx
        .insert(manualTasks)
        .values(
          units.map((u) => ({
            productionUnitId: u.id,
            serviceId: service.id,
            taskTypeId: type.id,
            state: 'RUNNING' as const,
            comment: b.comment ?? null,
            orderId: orderOf.get(u.id) ?? null,
            startedAt: sql`now()`,
          })),
        )
        .returning({ id: manualTasks.id, unit: manualTasks.productionUnitId, orderId: manualTasks.orderId });
      await tx
        .insert(manualTaskEvents)
        .values(
          rows.map((r) => ({ manualTaskId: r.id, fromState: null, toState: 'RUNNING' as const, orderId: r.orderId, actor })),
        );
      return rows;
    });
    return {
      message: 'Your order has been successfully submitted',
      links: units.map((u) => ({
        href: `/v1/crm/manual_tasks/task_query?processing_unit=${u.code}`,
        rel: 'manual_tasks',
        type: 'GET',
      })),
      tasks: created.map((r) => ({
        task: r.id,
        processing_unit: units.find((u) => u.id === r.unit)!.code,
        refers_to_order_id: r.orderId,
      })),
    };
  } catch (e) {
    if (!/manual_tasks_unit_service_type_key/.test(String((e as { cause?: unknown }).cause ?? e))) throw e;
    const taken = await db
      .select({ unit: manualTasks.productionUnitId })
      .from(manualTasks)
      .where(
        and(
          eq(manualTasks.serviceId, service.id),
          eq(manualTasks.taskTypeId, type.id),
          inArray(
            manualTasks.productionUnitId,
            units.map((u) => u.id),
          ),
        ),
      );
    const codes = units.filter((u) => taken.some((t) => t.unit === u.id)).map((u) => u.code);
    throw new AppError(
      'CONFLICT',
      `processing_unit: "${type.name}" on ${service.name} is already recorded for ${codes.slice(0, 10).join(', ')}`,
      {
        reason: 'TASK_EXISTS',
      },
    );
  }
}
