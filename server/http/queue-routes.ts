/**
 * The thin REST layer of queue administration (admin only): the BullMQ queues that replaced the reference's RabbitMQ
 * (R1–R6) and its queue configuration (C5–C11, which BullMQ needs no table for). Legacy shapes for R1, R5, R6.
 */
import { z } from 'zod';
import { actOnQueue, queueAction } from '../queue-admin/act-on-queue';
import { listQueues, queueView } from '../queue-admin/list-queues';
import { queueNamed } from '../queue-admin/queue-admin-deps';
import { redisStatus } from '../queue-admin/redis-status';
import { actorOf } from './actor';
import { jsonBody } from './request';
import type { ApiHandlerArgs } from './with-api-client';

export const QUEUE_SCOPES = ['admin'];
const noStore = { 'cache-control': 'no-store' };

export const listQueuesRoute = async ({ deps }: ApiHandlerArgs) =>
  Response.json({ queues: await listQueues(deps) }, { headers: noStore });

export const getQueueRoute = async ({ deps, params }: ApiHandlerArgs) =>
  Response.json(await queueView(deps, queueNamed(params.queue_name!)), { headers: noStore });

/** POST /v1/queues/{name}/{action}: the action from the path, its options from the body (if any). */
export async function queueActionRoute({ deps, caller, req, params, ip, requestId }: ApiHandlerArgs) {
  const hasBody = (req.headers.get('content-length') ?? '0') !== '0' || req.headers.has('transfer-encoding');
  const options = hasBody ? await jsonBody(req, z.record(z.string(), z.unknown())) : {};
  const action = queueAction.parse({ ...options, action: params.action });
  const r = await actOnQueue(deps, actorOf(caller, { ip, requestId }), params.queue_name!, action);
  return Response.json(r, { headers: noStore });
}

export const redisStatusRoute = async ({ deps }: ApiHandlerArgs) =>
  Response.json(await redisStatus(deps.redis), { headers: noStore });

/** R1 `{available_queues: [...]}`. */
export const legacyQueueNamesRoute = async ({ deps }: ApiHandlerArgs) =>
  Response.json({ available_queues: (await listQueues(deps)).map((q) => q.name) }, { headers: noStore });

/** R5 `{virtual_host, queue_name, message_count}`: the jobs waiting to run (waiting, delayed, prioritized). */
export async function legacyMessageCountRoute({ deps, params }: ApiHandlerArgs) {
  const q = await queueView(deps, queueNamed(params.queue_name!));
  return Response.json(
    {
      virtual_host: deps.queuePrefix,
      queue_name: q.name,
      message_count: q.counts.waiting + q.counts.delayed + q.counts.prioritized,
    },
    { headers: noStore },
  );
}

/** R6 `{host, server_status}`. */
export async function legacyServerStatusRoute({ deps }: ApiHandlerArgs) {
  const s = await redisStatus(deps.redis);
  return Response.json(
    { host: 'redis', server_status: s.ok ? `Redis ${s.version} is up and running` : s.detail, ...s },
    { status: s.ok ? 200 : 503, headers: noStore },
  );
}
