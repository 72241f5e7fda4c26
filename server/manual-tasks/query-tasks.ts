/**
 * M17, and what the reference's views `tasks_and_services` / `tasks_and_services_spu` answered: per production unit
 * (with its sub-production unit), the manual tasks with the state of the automatic order they refer to, filtered by
 * unit, service, task type and both states. The filters are values bound to a fixed query, never request keys.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { Database } from '~/db/client';
import { TASK_STATES, type taskQuery } from './manual-task-body';

const ORDER_STATES = {
  not_started: sql`o.status in ('RECEIVED', 'QUEUED')`,
  in_progress: sql`o.status = 'RUNNING'`,
  failed: sql`o.status in ('FAILED', 'INVALID')`,
  finished: sql`o.status = 'SUCCESS'`,
} as const;
const stateName = (s: string) => (Object.entries(TASK_STATES).find(([, v]) => v === s)?.[0] ?? s) as string;
const orderStateName = (s: string | null) =>
  s === null
    ? null
    : s === 'RECEIVED' || s === 'QUEUED'
      ? 'not_started'
      : s === 'RUNNING'
        ? 'in_progress'
        : s === 'SUCCESS'
          ? 'finished'
          : 'failed';

export async function queryTasks(db: Database, q: z.infer<typeof taskQuery>) {
  const where: SQL[] = [sql`true`];
  if (q.processing_unit) where.push(sql`pu.code = ${q.processing_unit}`);
  if (q.subproduction_unit) where.push(sql`spu.code = ${q.subproduction_unit}`);
  if (q.service_name) where.push(sql`s.name = ${q.service_name}`);
  if (q.task_name) where.push(sql`tt.name = ${q.task_name}`);
  if (q.task_status) where.push(sql`t.state = ${TASK_STATES[q.task_status]}`);
  if (q.order_status) where.push(ORDER_STATES[q.order_status]);
  const rows = await db.execute<{
    spu: string | null;
    pu: string;
    service: string;
    order_status: string | null;
    order_id: string | null;
    task_name: string;
    state: string;
    result: string | null;
    started_at: string | null;
    stopped_at: string | null;
  }>(sql`
    select spu.code as spu, pu.code as pu, s.name as service, o.status as order_status, t.order_id, tt.name as task_name,
      t.state, t.result, t.started_at, t.stopped_at
    from manual_tasks t
      join production_units pu on pu.id = t.production_unit_id
      left join sub_production_units spu on spu.id = pu.sub_production_unit_id
      join services s on s.id = t.service_id
      join manual_task_types tt on tt.id = t.task_type_id
      left join orders o on o.id = t.order_id
    where ${sql.join(where, sql` and `)}
    order by pu.code, tt.position, s.name
    limit ${q.limit}`);
  return {
    tasks: rows.map((r) => ({
      subproduction_unit: r.spu,
      processing_unit: r.pu,
      service_name: r.service,
      order_status: orderStateName(r.order_status),
      order_id: r.order_id,
      task_name: r.task_name,
      task_status: stateName(r.state),
      task_result: r.result,
      started_at: r.started_at ? new Date(r.started_at).toISOString() : null,
      stopped_at: r.stopped_at ? new Date(r.stopped_at).toISOString() : null,
    })),
  };
}
