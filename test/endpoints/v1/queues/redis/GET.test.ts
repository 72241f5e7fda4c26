/** GET /v1/queues/redis: the Redis server behind the queues (admin only). */
import { describe, expect, it } from 'vitest';
import { GET } from '~/app/v1/queues/redis/route';
import { useEndpoint } from '~/test/endpoint';

const api = useEndpoint();
const path = '/v1/queues/redis';

describe('GET /v1/queues/redis', () => {
  it('answers the server’s version, uptime, memory and clients', async () => {
    const r = await api.call(GET, path, { as: 'admin' });
    expect(r.status, r.text).toBe(200);
    expect(r.headers.get('cache-control')).toBe('no-store');
    expect(r.json).toMatchObject({
      ok: true,
      version: expect.stringMatching(/^\d+\.\d+/),
      uptime_seconds: expect.any(Number),
      used_memory_bytes: expect.any(Number),
      connected_clients: expect.any(Number),
      latency_ms: expect.any(Number),
      detail: 'Redis answers',
    });
    expect(r.json.connected_clients).toBeGreaterThan(0);
  });

  it('the answer is the server the queues use (its version matches INFO)', async () => {
    const info = await api.deps.redis.info('server');
    const version = /^redis_version:(.*)$/m.exec(info)![1]!.trim();
    const r = await api.call(GET, path, { as: 'admin' });
    expect(r.json.version).toBe(version);
  });

  it('a user token is 403, a token without the scope 403, no token 401; nothing written', async () => {
    api.expectProblem(await api.unchanged(() => api.call(GET, path, { as: 'user' })), 403, /scope/);
    api.expectProblem(await api.unchanged(() => api.call(GET, path, { as: 'stranger' })), 403, /scope/);
    api.expectProblem(await api.unchanged(() => api.call(GET, path)), 401);
  });
});
