/** GET /v1/queues/{queue_name}: one queue (admin only); an unknown name is a 404. */
import { describe, expect, it } from 'vitest';
import { GET } from '~/app/v1/queues/[queue_name]/route';
import { useEndpoint } from '~/test/endpoint';

const api = useEndpoint();
const at = (queue_name: string) => ({ path: `/v1/queues/${queue_name}`, params: { queue_name } });

describe('GET /v1/queues/{queue_name}', () => {
  it('answers the queue with its counts: two queued jobs are waiting', async () => {
    await api.deps.queues.enqueue('maintenance.purge-expired', {});
    await api.deps.queues.enqueue('maintenance.expire-packages', {});
    const { path, params } = at('maintenance');
    const r = await api.call(GET, path, { as: 'admin', params });
    expect(r.status, r.text).toBe(200);
    expect(r.json).toMatchObject({ name: 'maintenance', paused: false, workers: 0, description: expect.any(String) });
    expect(r.json.counts).toEqual({ waiting: 2, active: 0, delayed: 0, prioritized: 0, failed: 0, completed: 0 });
  });

  it('an unknown queue is a 404 naming the queue and the known ones', async () => {
    const { path, params } = at('rabbit');
    const r = await api.unchanged(() => api.call(GET, path, { as: 'admin', params }));
    api.expectProblem(r, 404, /^queue: there is no queue rabbit \(queues: orders, tasks/);
  });

  it('a user token is 403, a token without the scope 403, no token 401', async () => {
    const { path, params } = at('orders');
    api.expectProblem(await api.unchanged(() => api.call(GET, path, { as: 'user', params })), 403, /scope/);
    api.expectProblem(await api.unchanged(() => api.call(GET, path, { as: 'stranger', params })), 403, /scope/);
    api.expectProblem(await api.unchanged(() => api.call(GET, path, { params })), 401);
  });
});
