/** R6 GET /v1/rabbitmq/serverStatus: whether the queue server (Redis) is up, in the reference's shape (admin only). */
import { describe, expect, it } from 'vitest';
import { GET } from '~/app/v1/rabbitmq/serverStatus/route';
import { useEndpoint } from '~/test/endpoint';

const api = useEndpoint();
const path = '/v1/rabbitmq/serverStatus';

describe('GET /v1/rabbitmq/serverStatus', () => {
  it('answers {host, server_status} and the Redis details', async () => {
    const r = await api.call(GET, path, { as: 'admin' });
    expect(r.status, r.text).toBe(200);
    expect(r.json).toMatchObject({
      host: 'redis',
      server_status: expect.stringMatching(/^Redis \d+\.\d+\S* is up and running$/),
      ok: true,
      detail: 'Redis answers',
    });
    expect(r.json.server_status).toBe(`Redis ${r.json.version} is up and running`);
  });

  it('the version is the server’s own', async () => {
    const info = await api.deps.redis.info('server');
    const r = await api.call(GET, path, { as: 'admin' });
    expect(r.json.version).toBe(/^redis_version:(.*)$/m.exec(info)![1]!.trim());
  });

  it('a user token is 403, a token without the scope 403, no token 401', async () => {
    api.expectProblem(await api.unchanged(() => api.call(GET, path, { as: 'user' })), 403, /scope/);
    api.expectProblem(await api.unchanged(() => api.call(GET, path, { as: 'stranger' })), 403, /scope/);
    api.expectProblem(await api.unchanged(() => api.call(GET, path)), 401);
  });
});
