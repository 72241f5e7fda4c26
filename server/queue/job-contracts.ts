/**
 * The job contracts: every job the system runs, by name, with its queue and its payload schema (zod). A leaf module
 * shared by whoever enqueues (the web's order creation, the worker's engine) and by the worker's registry
 * (jobs/registry.ts, which adds the schedules): it loads no processor, no BullMQ worker and no GDAL, so the web can
 * import it. A payload is checked against its schema when it is enqueued and again when a worker takes it.
 */
import { z } from 'zod';
import { logRecordInput } from '../logging/schemas';
import { orderEventInput } from '../orders/apply-order-event';
import type { QueueName } from './queues';

/** One task of a workflow run (the flow is planned by dags/plan-flow.ts; fan-out items carry index and item). */
export const dagTaskData = z
  .object({
    dagId: z.string(),
    dagVersion: z.number().int(),
    orderId: z.uuid(),
    taskId: z.string(),
    index: z.number().int().min(0).optional(),
    item: z.unknown().optional(),
    inputs: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();
export type DagTaskData = z.infer<typeof dagTaskData>;

export const dagDispatchData = z.object({ orderId: z.uuid(), dagId: z.string() }).strict();

export type JobContract = { queue: QueueName; payload: z.ZodType };

export const JOB_CONTRACTS = {
  /** A status event for the status manager (the only writer of order state). */
  'orders.event': { queue: 'orders', payload: orderEventInput },
  /** Start an order's workflow on the embedded engine. */
  'dag.dispatch': { queue: 'orders', payload: dagDispatchData },
  /** Run an order of an Airflow service: trigger its DAG run, follow it to the end (the Airflow bridge). */
  'airflow.run': { queue: 'airflow', payload: z.object({ orderId: z.uuid() }).strict() },
  /** One task of a workflow run. */
  'dag.task': { queue: 'tasks', payload: dagTaskData },
  'logs.write': { queue: 'logs', payload: z.object({ records: z.array(logRecordInput).min(1).max(500) }) },
  'maintenance.purge-expired': { queue: 'maintenance', payload: z.object({}) },
  'maintenance.expire-packages': { queue: 'maintenance', payload: z.object({}) },
  'maintenance.rotate-signing-key': { queue: 'maintenance', payload: z.object({}) },
  'maintenance.reconcile-orders': { queue: 'maintenance', payload: z.object({}) },
  /** One attempt to deliver a notification (server/notifications/deliver-notification.ts). */
  'notifications.deliver': { queue: 'notifications', payload: z.object({ deliveryId: z.uuid() }).strict() },
  /** Re-enqueue deliveries whose job was lost; purge old ones (server/notifications/sweep-notifications.ts). */
  'maintenance.sweep-notifications': { queue: 'maintenance', payload: z.object({}) },
} as const satisfies Record<string, JobContract>;

export type JobName = keyof typeof JOB_CONTRACTS;
export type JobPayload<N extends JobName> = z.infer<(typeof JOB_CONTRACTS)[N]['payload']>;
