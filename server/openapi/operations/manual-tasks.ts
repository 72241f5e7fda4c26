/** Manual tasks per production unit (reference M16–M21). */
import { z } from 'zod';
import { MANUAL_TASK_SCOPES } from '../../http/manual-task-routes';
import {
  createTasksBody,
  setOrderBody,
  taskQuery,
  updateSpuStateBody,
  updateStateBody,
} from '../../manual-tasks/manual-task-body';
import { bearer, defineOperations } from '../define-operation';
import { instant, uuid } from '../shared';

const ops = { tags: ['Manual tasks'], access: bearer(MANUAL_TASK_SCOPES) } as const;
const updated = z.object({ message: z.string(), updated: z.number().int() });
const PU = '10kmE476N278';

export const manualTaskOperations = defineOperations([
  {
    ...ops,
    method: 'get',
    path: '/v1/crm/manual_tasks',
    operationId: 'listManualTaskTypes',
    summary: 'The manual task types',
    responses: {
      200: {
        description: 'The task types, in their order',
        schema: z.object({
          tasks: z.array(
            z.object({
              task_id: uuid,
              task_name: z.string(),
              task_comment: z.string(),
              task_validity: z.boolean(),
              task_owner: z.string().nullable(),
              date_of_creation: instant,
              order_id_not_required: z.boolean(),
            }),
          ),
        }),
      },
    },
    legacy: ['M16'],
  },
  {
    ...ops,
    method: 'get',
    path: '/v1/crm/manual_tasks/task_query',
    operationId: 'queryManualTasks',
    summary: 'Manual tasks per unit with their orders’ state',
    params: { query: taskQuery },
    responses: {
      200: {
        description: 'The tasks',
        schema: z.object({
          tasks: z.array(
            z.object({
              subproduction_unit: z.string().nullable(),
              processing_unit: z.string(),
              service_name: z.string(),
              order_status: z.string().nullable(),
              order_id: uuid.nullable(),
              task_name: z.string(),
              task_status: z.string(),
              task_result: z.string().nullable(),
              started_at: instant.nullable(),
              stopped_at: instant.nullable(),
            }),
          ),
        }),
      },
    },
    legacy: ['M17'],
  },
  {
    ...ops,
    method: 'post',
    path: '/v1/crm/manual_tasks/create',
    operationId: 'createManualTasks',
    summary: 'A manual task per unit (or per unit of the SPUs given)',
    body: {
      schema: createTasksBody,
      examples: { unit: { value: { processing_unit: PU, task_id: 'Visual quality check', service_id: 'product_qc' } } },
    },
    responses: {
      201: {
        description: 'The tasks made',
        schema: z.object({
          message: z.string(),
          links: z.array(z.object({ href: z.string(), rel: z.string(), type: z.string() })),
          tasks: z.array(z.object({ task: z.string(), processing_unit: z.string(), refers_to_order_id: uuid.nullable() })),
        }),
      },
    },
    errors: [404, 409, 422],
    legacy: ['M18'],
  },
  {
    ...ops,
    method: 'put',
    path: '/v1/crm/manual_tasks/update_state',
    operationId: 'updateManualTaskState',
    summary: "A unit's task to a state (finished needs a result)",
    body: {
      schema: updateStateBody,
      examples: {
        done: {
          value: {
            processing_unit: PU,
            task_id: 'Visual quality check',
            service_id: 'product_qc',
            state: 'finished',
            result: 'ok',
          },
        },
      },
    },
    responses: { 200: { description: 'Updated', schema: updated } },
    errors: [404, 409, 422],
    legacy: ['M19'],
  },
  {
    ...ops,
    method: 'put',
    path: '/v1/crm/manual_tasks/update_spu_state',
    operationId: 'updateManualTaskSpuState',
    summary: 'The tasks of every unit of an SPU to a state',
    body: { schema: updateSpuStateBody },
    responses: { 200: { description: 'Updated', schema: updated } },
    errors: [404, 409, 422],
    legacy: ['M20'],
  },
  {
    ...ops,
    method: 'put',
    path: '/v1/crm/manual_tasks/update_order_id',
    operationId: 'setManualTaskOrder',
    summary: 'The SUCCESS order a unit’s task refers to',
    body: { schema: setOrderBody },
    responses: { 200: { description: 'Set', schema: z.object({ message: z.string(), refers_to_order_id: uuid }) } },
    errors: [404, 409, 422],
    legacy: ['M21'],
  },
]);
