/**
 * The manual-task endpoints' bodies (reference M18–M21), with its field names and state names: units as a list or a
 * comma-separated string, `task_id` and `service_id` as an id or a name, `client_id` (if sent) the caller's own.
 */
import { z } from 'zod';

const unitList = z
  .union([z.string(), z.array(z.string())], { error: 'a unit name, a comma-separated list or a list' })
  .transform((v) => (typeof v === 'string' ? v.split(',') : v).map((s) => s.trim()).filter(Boolean))
  .pipe(z.array(z.string().min(1).max(64)).min(1, 'at least one unit').max(1000));
const ref = z.string().trim().min(1).max(128);
const clientId = z.string().max(64).optional();

export const TASK_STATES = { not_started: 'NOT_STARTED', in_progress: 'RUNNING', failed: 'FAILED', finished: 'SUCCESS' } as const;
export type TaskStateName = keyof typeof TASK_STATES;
const state = z.enum(Object.keys(TASK_STATES) as [TaskStateName], {
  error: () => `one of ${Object.keys(TASK_STATES).join(', ')}`,
});

export const createTasksBody = z
  .object({
    processing_unit: unitList.optional(),
    subproduction_unit: unitList.optional(),
    task_id: ref,
    service_id: ref,
    client_id: clientId,
    comment: z.string().max(2000).optional(),
  })
  .strict()
  .refine((b) => (b.processing_unit === undefined) !== (b.subproduction_unit === undefined), {
    message: 'give processing_unit or subproduction_unit (one of them)',
    path: ['processing_unit'],
  });
export type CreateTasksBody = z.infer<typeof createTasksBody>;

const stateFields = {
  state,
  result: z.string().max(4000).optional(),
  service_id: ref,
  task_id: ref,
  client_id: clientId,
};
const finishedNeedsResult = (b: { state: TaskStateName; result?: string }) => b.state !== 'finished' || !!b.result?.trim();
const resultIssue = { message: 'required when the state is finished', path: ['result'] };

export const updateStateBody = z
  .object({ ...stateFields, processing_unit: z.string().min(1).max(64) })
  .strict()
  .refine(finishedNeedsResult, resultIssue);
export const updateSpuStateBody = z
  .object({ ...stateFields, subproduction_unit: z.string().min(1).max(64) })
  .strict()
  .refine(finishedNeedsResult, resultIssue);

export const setOrderBody = z
  .object({
    refers_to_order_id: z.uuid({ error: 'an order id' }),
    processing_unit: z.string().min(1).max(64),
    service_id: ref,
    task_id: ref,
    client_id: clientId,
  })
  .strict();

export const taskQuery = z
  .object({
    subproduction_unit: z.string().max(64).optional(),
    processing_unit: z.string().max(64).optional(),
    service_name: z.string().max(64).optional(),
    order_status: z
      .enum(['not_started', 'in_progress', 'failed', 'finished'], {
        error: () => 'one of not_started, in_progress, failed, finished',
      })
      .optional(),
    task_name: z.string().max(128).optional(),
    task_status: state.optional(),
    limit: z.coerce.number().int().min(1).max(5000).default(1000),
  })
  .strict();
