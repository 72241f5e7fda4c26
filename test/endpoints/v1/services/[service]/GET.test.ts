/** GET /v1/services/{service}: what a service is and its parameters' JSON Schema (any valid token; hidden: admins). */
import { describe, expect, it } from 'vitest';
import { GET } from '~/app/v1/services/[service]/route';
import { useEndpoint } from '~/test/endpoint';

const api = useEndpoint();
const at = (service: string) => ({ path: `/v1/services/${service}`, params: { service } });

describe('GET /v1/services/{service}', () => {
  it('answers a visible service to any valid token: its engine, scopes, parameters and start link', async () => {
    const { path, params } = at('harmonics');
    const r = await api.call(GET, path, { as: 'stranger', params });
    expect(r.status, r.text).toBe(200);
    expect(r.json).toMatchObject({
      service_name: 'harmonics',
      title: 'Harmonics',
      engine: 'airflow',
      scopes: ['harmonics'],
      visible: true,
      parameters: { type: 'object', properties: expect.objectContaining({ tile_id: expect.any(Object) }) },
      links: { start: { href: '/v1/services/harmonics', method: 'POST' } },
    });
    expect(r.json).not.toHaveProperty('defined_in');
    const admin = await api.call(GET, path, { as: 'admin', params });
    expect(admin.json).toMatchObject({ defined_in: 'code', airflow_connection: 'default' });
  });

  it('a product service links to its own route; a hidden service is shown to admins only', async () => {
    const p = at('get_product');
    expect((await api.call(GET, p.path, { as: 'user', params: p.params })).json.links.start.href).toBe(
      '/v1/products/get_product',
    );
    const h = at('ingest_product');
    const r = await api.call(GET, h.path, { as: 'admin', params: h.params });
    expect(r.status, r.text).toBe(200);
    expect(r.json).toMatchObject({ service_name: 'ingest_product', visible: false, engine: 'embedded' });
    api.expectProblem(
      await api.call(GET, h.path, { as: 'user', params: h.params }),
      404,
      /^service: there is no service ingest_product/,
    );
  });

  it('an unknown service is 404; no token 401', async () => {
    const { path, params } = at('nope');
    api.expectProblem(
      await api.unchanged(() => api.call(GET, path, { as: 'user', params })),
      404,
      /^service: there is no service nope/,
    );
    api.expectProblem(await api.unchanged(() => api.call(GET, path, { params })), 401);
  });
});
