/** GET /v1/queues: every BullMQ queue with its counts, paused state and workers (admin only). */
import { describe, expect, it } from 'vitest';
import { GET } from '~/app/v1/queues/route';
import { useEndpoint } from '~/test/endpoint';

const api = useEndpoint();
const path = '/v1/queues';

describe('GET /v1/queues', () => {
  it('lists the six queues with their counts; a queued job shows as waiting', async () => {
    await api.deps.queues.enqueue('maintenance.purge-expired', {});
    const r = await api.call(GET, path, { as: 'admin' });
    expect(r.status, r.text).toBe(200);
    expect(r.headers.get('cache-control')).toBe('no-store');
    expect(r.json.queues.map((q: { name: string }) => q.name)).toEqual([
      'orders',
      'tasks',
      'logs',
      'maintenance',
      'airflow',
      'notifications',
    ]);
    const m = r.json.queues.find((q: { name: string }) => q.name === 'maintenance');
    expect(m).toMatchObject({ paused: false, workers: 0, description: expect.any(String) });
    expect(m.counts).toEqual({ waiting: 1, active: 0, delayed: 0, prioritized: 0, failed: 0, completed: 0 });
    const o = r.json.queues.find((q: { name: string }) => q.name === 'orders');
    expect(o.counts.waiting).toBe(0);
  });

  it('a query string is ignored: the same list', async () => {
    const r = await api.call(GET, `${path}?name=orders`, { as: 'admin' });
    expect(r.status, r.text).toBe(200);
    expect(r.json.queues).toHaveLength(6);
  });

  it('a user token is 403, a token without the scope 403, no token 401; nothing written', async () => {
    api.expectProblem(await api.unchanged(() => api.call(GET, path, { as: 'user' })), 403, /scope/);
    api.expectProblem(await api.unchanged(() => api.call(GET, path, { as: 'stranger' })), 403, /scope/);
    api.expectProblem(await api.unchanged(() => api.call(GET, path)), 401);
  });
});
