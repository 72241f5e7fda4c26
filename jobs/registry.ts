/**
 * Every job the system runs, as data: its queue, its payload schema and (for housekeeping) its schedule.
 * Shared by the web (enqueue) and the worker (processors); importing it loads no processor code.
 */
import { z } from 'zod';
import { logRecordInput } from '~/server/logging/schemas';
import { orderEventInput } from '~/server/orders/apply-order-event';
import { dagDispatchData, dagTaskData } from './dag-engine';
import type { QueueName } from './queues';

export type JobSpec = {
  queue: QueueName;
  payload: z.ZodType;
  /** Cron pattern (UTC) for jobs the worker schedules itself. */
  schedule?: string;
};

export const JOBS = {
  /** A status event for the status manager (the only writer of order state). */
  'orders.event': { queue: 'orders', payload: orderEventInput },
  /** Start an order's workflow on the embedded engine. */
  'dag.dispatch': { queue: 'orders', payload: dagDispatchData },
  /** One task of a workflow run (the flow is planned by dags/plan-flow.ts). */
  'dag.task': { queue: 'tasks', payload: dagTaskData },
  'logs.write': { queue: 'logs', payload: z.object({ records: z.array(logRecordInput).min(1).max(500) }) },
  'maintenance.purge-expired': { queue: 'maintenance', payload: z.object({}), schedule: '17 * * * *' },
  'maintenance.expire-packages': { queue: 'maintenance', payload: z.object({}), schedule: '23 * * * *' },
  'maintenance.rotate-signing-key': { queue: 'maintenance', payload: z.object({}), schedule: '7 3 * * *' },
  'maintenance.reconcile-orders': { queue: 'maintenance', payload: z.object({}), schedule: '* * * * *' },
} as const satisfies Record<string, JobSpec>;

export type JobName = keyof typeof JOBS;
export type JobPayload<N extends JobName> = z.infer<(typeof JOBS)[N]['payload']>;
