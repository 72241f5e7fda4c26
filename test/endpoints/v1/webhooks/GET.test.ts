/** GET /v1/webhooks: the caller's webhook (never its secret), or 404. */
import { describe, expect, it } from 'vitest';
import { GET, PUT } from '~/app/v1/webhooks/route';
import { useEndpoint } from '~/test/endpoint';

const api = useEndpoint();
const path = '/v1/webhooks';
const URL1 = 'https://93.184.215.14/hook';

describe('GET /v1/webhooks', () => {
  it('answers the registered webhook without its secret', async () => {
    const put = await api.call(PUT, path, {
      as: 'user',
      method: 'PUT',
      body: { url: URL1, events: ['order.succeeded'] },
    });
    expect(put.status, put.text).toBe(201);
    const r = await api.call(GET, path, { as: 'user' });
    expect(r.status, r.text).toBe(200);
    expect(r.headers.get('cache-control')).toBe('no-store');
    expect(r.json).toEqual({
      client_id: api.clients.user!.clientId,
      url: URL1,
      events: ['order.succeeded'],
      enabled: true,
      disabled_at: null,
      disabled_reason: null,
      previous_secret_expires_at: null,
      created_at: put.json.created_at,
      updated_at: put.json.updated_at,
    });
    expect(r.text).not.toContain('whsec_');
  });

  it('an admin reads another client’s webhook with ?client_id=; an unknown client_id is 404', async () => {
    const user = api.clients.user!;
    const r = await api.call(GET, `${path}?client_id=${user.clientId}`, { as: 'admin' });
    expect(r.status, r.text).toBe(200);
    expect(r.json).toMatchObject({ client_id: user.clientId, url: URL1 });
    api.expectProblem(await api.call(GET, `${path}?client_id=nobody`, { as: 'admin' }), 404, /^client_id: no client nobody/);
    api.expectProblem(await api.call(GET, `${path}?clientid=x`, { as: 'admin' }), 400, /clientid/);
  });

  it('no webhook is 404; another client’s is 404 for a non-admin; no token 401', async () => {
    api.expectProblem(await api.call(GET, path, { as: 'other' }), 404, /has no webhook/);
    api.expectProblem(
      await api.call(GET, `${path}?client_id=${api.clients.user!.clientId}`, { as: 'other' }),
      404,
      /^client_id: no client/,
    );
    api.expectProblem(await api.call(GET, path), 401);
  });
});
