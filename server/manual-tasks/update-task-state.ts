/**
 * M19, M20: moves the manual tasks of a unit (or of every unit of a sub-production unit) for a service and task
 * type to a state: not_started clears the times and result, in_progress (re)starts it, failed and finished stop it,
 * finished with its result. No matching task is a 404 (nothing written); every change is an event (from → to).
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Database } from '~/db/client';
import { manualTaskEvents, manualTasks } from '~/db/schema';
import { AppError } from '../errors';
import { TASK_STATES, type TaskStateName } from './manual-task-body';
import { checkClientField, serviceOf, taskTypeOf, unitsNamed, unitsOfSpus } from './resolve-task-refs';

export async function updateTaskState(
  db: Database,
  caller: { clientId: string },
  b: { state: TaskStateName; result?: string; service_id: string; task_id: string; client_id?: string } & (
    { processing_unit: string } | { subproduction_unit: string }
  ),
) {
  checkClientField(caller, b.client_id);
  const type = await taskTypeOf(db, b.task_id);
  const service = await serviceOf(db, b.service_id);
  const units =
    'processing_unit' in b
      ? await unitsNamed(db, 'processing_unit', [b.processing_unit])
      : await unitsOfSpus(db, 'subproduction_unit', [b.subproduction_unit]);
  const to = TASK_STATES[b.state];
  const stopped = to === 'SUCCESS' || to === 'FAILED';
  return db.transaction(async (tx) => {
    const match = and(
      eq(manualTasks.serviceId, service.id),
      eq(manualTasks.taskTypeId, type.id),
      inArray(
        manualTasks.productionUnitId,
        units.map((u) => u.id),
      ),
    );
    const before = await tx.select({ id: manualTasks.id, state: manualTasks.state }).from(manualTasks).where(match).for('update');
    if (!before.length)
      throw new AppError(
        'NOT_FOUND',
        `${'processing_unit' in b ? 'processing_unit' : 'subproduction_unit'}: no "${type.name}" task on ${service.name} there`,
        {
          reason: 'NO_TASK',
        },
      );
    await tx
      .update(manualTasks)
      .set({
        state: to,
        result: to === 'SUCCESS' ? b.result!.trim() : null,
        startedAt: to === 'NOT_STARTED' ? null : sql`coalesce(${manualTasks.startedAt}, now())`,
        stoppedAt: stopped ? sql`now()` : null,
        updatedAt: sql`now()`,
      })
      .where(match);
    await tx.insert(manualTaskEvents).values(
      before.map((r) => ({
        manualTaskId: r.id,
        fromState: r.state,
        toState: to,
        result: to === 'SUCCESS' ? b.result!.trim() : null,
        actor: `client:${caller.clientId}`,
      })),
    );
    return { message: 'Your update has been successfully submitted', updated: before.length };
  });
}
