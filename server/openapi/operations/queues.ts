/** Queue administration (admin): the BullMQ queues that replaced the reference's RabbitMQ (R1, R5, R6 shapes kept). */
import { z } from 'zod';
import { QUEUE_SCOPES } from '../../http/queue-routes';
import { queueAction } from '../../queue-admin/act-on-queue';
import { bearer, defineOperations } from '../define-operation';

const ops = { tags: ['Queues'], access: bearer(QUEUE_SCOPES) } as const;

export const queueView = z
  .object({
    name: z.string(),
    description: z.string(),
    paused: z.boolean(),
    workers: z.number().int(),
    counts: z.object({
      waiting: z.number().int(),
      active: z.number().int(),
      delayed: z.number().int(),
      prioritized: z.number().int(),
      failed: z.number().int(),
      completed: z.number().int(),
    }),
  })
  .meta({ id: 'Queue' });

const redisStatus = z.object({
  ok: z.boolean(),
  version: z.string().nullable(),
  uptime_seconds: z.number().nullable(),
  used_memory_bytes: z.number().nullable(),
  maxmemory_bytes: z.number().nullable(),
  connected_clients: z.number().nullable(),
  latency_ms: z.number(),
  detail: z.string(),
});

/** The body of an action: its options (the action itself is the path's), as queueAction checks them. */
const actionOptions = z.union(
  queueAction.options.map((o: z.ZodObject) => o.omit({ action: true })) as unknown as [z.ZodType, z.ZodType],
);
const queuePath = z.object({ queue_name: z.string().meta({ description: 'A queue name (GET /v1/queues)' }) });

export const queueOperations = defineOperations([
  {
    ...ops,
    method: 'get',
    path: '/v1/queues',
    operationId: 'listQueues',
    summary: 'Every queue with its job counts, paused state and workers',
    responses: { 200: { description: 'The queues', schema: z.object({ queues: z.array(queueView) }) } },
  },
  {
    ...ops,
    method: 'get',
    path: '/v1/queues/{queue_name}',
    operationId: 'getQueue',
    summary: 'One queue',
    params: { path: queuePath },
    responses: { 200: { description: 'The queue', schema: queueView } },
    errors: [404],
  },
  {
    ...ops,
    method: 'post',
    path: '/v1/queues/{queue_name}/{action}',
    operationId: 'actOnQueue',
    summary: 'Pause, resume, retry failed jobs, or clean old jobs (audited)',
    params: { path: queuePath.extend({ action: z.enum(['pause', 'resume', 'retry', 'clean']) }) },
    body: {
      schema: actionOptions,
      required: false,
      description: 'retry: `{limit?}`; clean: `{state, older_than_seconds, limit?}`; pause and resume: none',
      examples: { clean: { value: { state: 'completed', older_than_seconds: 86400 } } },
    },
    responses: {
      200: {
        description: 'The queue after the action, and how many jobs it changed',
        schema: z.object({ queue: queueView, affected: z.number().int() }),
      },
    },
    errors: [404],
  },
  {
    ...ops,
    method: 'get',
    path: '/v1/queues/redis',
    operationId: 'getRedisStatus',
    summary: 'The Redis server behind the queues',
    responses: { 200: { description: 'Its state', schema: redisStatus } },
  },
  {
    ...ops,
    method: 'get',
    path: '/v1/rabbitmq/queues',
    operationId: 'legacyQueueNames',
    summary: 'The queue names (reference shape)',
    responses: { 200: { description: 'The names', schema: z.object({ available_queues: z.array(z.string()) }) } },
    legacy: ['R1'],
  },
  {
    ...ops,
    method: 'get',
    path: '/v1/rabbitmq/messageCount/{queue_name}',
    operationId: 'legacyMessageCount',
    summary: 'Jobs waiting in a queue (reference shape)',
    params: { path: queuePath },
    responses: {
      200: {
        description: 'The count',
        schema: z.object({ virtual_host: z.string(), queue_name: z.string(), message_count: z.number().int() }),
      },
    },
    errors: [404],
    legacy: ['R5'],
  },
  {
    ...ops,
    method: 'get',
    path: '/v1/rabbitmq/serverStatus',
    operationId: 'legacyServerStatus',
    summary: 'Whether the queue server (Redis) is up (reference shape)',
    responses: {
      200: { description: 'Up', schema: redisStatus.extend({ host: z.string(), server_status: z.string() }) },
      503: { description: 'Redis does not answer', schema: redisStatus.extend({ host: z.string(), server_status: z.string() }) },
    },
    legacy: ['R6'],
  },
]);
