/** R5 GET /v1/rabbitmq/messageCount/{queue_name}: jobs waiting in a queue, in the reference's shape (admin only). */
import { describe, expect, it } from 'vitest';
import { GET } from '~/app/v1/rabbitmq/messageCount/[queue_name]/route';
import { useEndpoint } from '~/test/endpoint';

const api = useEndpoint();
const at = (queue_name: string) => ({ path: `/v1/rabbitmq/messageCount/${queue_name}`, params: { queue_name } });

describe('GET /v1/rabbitmq/messageCount/{queue_name}', () => {
  it('counts the waiting and delayed jobs of the queue', async () => {
    await api.deps.queues.enqueue('maintenance.purge-expired', {});
    await api.deps.queues.enqueue('maintenance.expire-packages', {}, { delay: 60_000 });
    const { path, params } = at('maintenance');
    const r = await api.call(GET, path, { as: 'admin', params });
    expect(r.status, r.text).toBe(200);
    expect(r.json).toEqual({ virtual_host: api.deps.queuePrefix, queue_name: 'maintenance', message_count: 2 });
    const empty = at('airflow');
    expect((await api.call(GET, empty.path, { as: 'admin', params: empty.params })).json.message_count).toBe(0);
  });

  it('an unknown queue is a 404 naming it', async () => {
    const { path, params } = at('celery');
    api.expectProblem(await api.unchanged(() => api.call(GET, path, { as: 'admin', params })), 404, /^queue: .*celery/);
  });

  it('a user token is 403, a token without the scope 403, no token 401', async () => {
    const { path, params } = at('orders');
    api.expectProblem(await api.unchanged(() => api.call(GET, path, { as: 'user', params })), 403, /scope/);
    api.expectProblem(await api.unchanged(() => api.call(GET, path, { as: 'stranger', params })), 403, /scope/);
    api.expectProblem(await api.unchanged(() => api.call(GET, path, { params })), 401);
  });
});
