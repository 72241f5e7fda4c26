/**
 * The service catalogue over HTTP (reference M8–M10, and GET /v1/services[/{name}]): visible services for any
 * token, hidden ones for admins only, each with its parameters' JSON Schema and where to start it; by id and by name
 * for admins; unknown ones a 404, bad parameters a 400.
 */
import { expect, test, type APIRequestContext } from '@playwright/test';
import { clientToken } from '~/playwright/fixtures/cli';

async function auth(request: APIRequestContext, scopes: string) {
  return (await clientToken(request, scopes)).headers;
}

type View = {
  service_id: string;
  service_name: string;
  visible: boolean;
  parameters: { properties?: object };
  links: { start: { href: string } };
};

test('visible services for any token; hidden ones and connections for admins', async ({ request }) => {
  const user = await auth(request, 'harmonics');
  const admin = await auth(request, 'admin');
  for (const url of ['/v1/services', '/v1/crm/services']) {
    const list = (await (await request.get(url, { headers: user })).json()).services as View[];
    const names = list.map((s) => s.service_name);
    expect(names, url).toContain('harmonics');
    expect(names, url).toContain('vector_class_attribution');
    expect(names, url).not.toContain('ingest_product'); // not visible
    expect(list.every((s) => s.visible && !('airflow_connection' in s))).toBe(true);
  }
  const all = (await (await request.get('/v1/services?all=true', { headers: admin })).json()).services as View[];
  expect(all.map((s) => s.service_name)).toContain('ingest_product');
  const harmonics = all.find((s) => s.service_name === 'harmonics')!;
  expect(harmonics).toMatchObject({
    engine: 'airflow',
    dag_id: 'harmonics',
    airflow_connection: 'default',
    links: { start: { href: '/v1/services/harmonics' } },
  });
  expect(Object.keys(harmonics.parameters.properties!)).toEqual(expect.arrayContaining(['tile_id', 'start_date', 'band']));
  expect(all.find((s) => s.service_name === 'get_product')!.links.start.href).toBe('/v1/products/get_product');

  const one = await (await request.get('/v1/services/harmonics', { headers: user })).json();
  expect(one.service_id).toBe(harmonics.service_id);
  expect((await (await request.get(`/v1/crm/services/id/${harmonics.service_id}`, { headers: admin })).json()).service_name).toBe(
    'harmonics',
  );
  expect((await (await request.get('/v1/crm/services/name/harmonics', { headers: admin })).json()).service_id).toBe(
    harmonics.service_id,
  );
});

test('hidden or unknown: 404; admin routes: 403 for others; bad query: 400', async ({ request }) => {
  const user = await auth(request, 'get_product');
  const admin = await auth(request, 'admin');
  expect((await request.get('/v1/services/ingest_product', { headers: user })).status()).toBe(404);
  expect((await request.get('/v1/services/ingest_product', { headers: admin })).status()).toBe(200);
  for (const url of [
    '/v1/services/nope',
    '/v1/crm/services/name/nope',
    '/v1/crm/services/id/not-a-uuid',
    '/v1/crm/services/id/00000000-0000-4000-8000-000000000000',
  ]) {
    const r = await request.get(url, { headers: admin });
    expect(r.status(), url).toBe(404);
    expect((await r.json()).detail, url).toMatch(/^service: there is no service/);
  }
  expect((await request.get('/v1/crm/services/name/harmonics', { headers: user })).status()).toBe(403);
  const bad = await request.get('/v1/services?all=maybe', { headers: admin });
  expect(bad.status()).toBe(400);
  expect((await bad.json()).detail).toMatch(/^all: true or false/);
  expect((await request.get('/v1/services')).status()).toBe(401);
});
