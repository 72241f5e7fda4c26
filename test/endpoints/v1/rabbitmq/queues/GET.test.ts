/** R1 GET /v1/rabbitmq/queues: the queue names in the reference's shape (admin only). */
import { describe, expect, it } from 'vitest';
import { GET } from '~/app/v1/rabbitmq/queues/route';
import { useEndpoint } from '~/test/endpoint';

const api = useEndpoint();
const path = '/v1/rabbitmq/queues';

describe('GET /v1/rabbitmq/queues', () => {
  it('answers {available_queues} with the six queue names', async () => {
    const r = await api.call(GET, path, { as: 'admin' });
    expect(r.status, r.text).toBe(200);
    expect(r.headers.get('cache-control')).toBe('no-store');
    expect(r.json).toEqual({
      available_queues: ['orders', 'tasks', 'logs', 'maintenance', 'airflow', 'notifications'],
    });
  });

  it('queued jobs do not change the list', async () => {
    await api.deps.queues.enqueue('maintenance.purge-expired', {});
    const r = await api.call(GET, path, { as: 'admin' });
    expect(r.json.available_queues).toHaveLength(6);
  });

  it('a user token is 403, a token without the scope 403, no token 401', async () => {
    api.expectProblem(await api.unchanged(() => api.call(GET, path, { as: 'user' })), 403, /scope/);
    api.expectProblem(await api.unchanged(() => api.call(GET, path, { as: 'stranger' })), 403, /scope/);
    api.expectProblem(await api.unchanged(() => api.call(GET, path)), 401);
  });
});
