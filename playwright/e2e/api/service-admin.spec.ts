/**
 * The catalogue's admin writes and the Airflow connections over HTTP (admin): a connection added, replaced, tested
 * and listed without its password; a service added on it, changed, deleted; the legacy M11/M13 and C2 shapes; bad
 * input 400 naming the field, code-defined services 409, other tokens 403.
 */
import { expect, test } from '@playwright/test';
import { clientToken } from '~/playwright/fixtures/cli';

const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

test('admins manage Airflow connections and the services that run on them', async ({ request }) => {
  const admin = (await clientToken(request, 'admin')).headers;
  const conn = `e2e-${unique()}`;
  const password = `pw-${unique()}`;
  const body = { url: 'http://127.0.0.1:9', api_version: 'v1', username: 'ops', password };
  const added = await request.put(`/v1/config/airflow_connections/${conn}`, { headers: admin, data: body });
  expect(added.status()).toBe(201);
  expect(await added.json()).toMatchObject({ name: conn, api_version: 'v1', source: 'api', active: true });
  expect((await request.put(`/v1/config/airflow_connections/${conn}`, { headers: admin, data: body })).status()).toBe(200);
  const listed = await request.get('/v1/config/airflow_connections', { headers: admin });
  expect(await listed.text()).not.toContain(password);
  expect((await listed.json()).connections.map((c: { name: string }) => c.name)).toContain(conn);
  const tested = await (await request.post(`/v1/config/airflow_connections/${conn}/test`, { headers: admin })).json();
  expect(tested).toMatchObject({ name: conn, ok: false, reason: expect.stringMatching(/unreachable/i) });
  const bad = await request.put(`/v1/config/airflow_connections/${conn}`, {
    headers: admin,
    data: { ...body, api_version: 'v3' },
  });
  expect(bad.status()).toBe(400);
  expect((await bad.json()).detail).toMatch(/^api_version:/);

  const name = `svc_${unique()}`;
  const created = await request.post('/v1/services', {
    headers: admin,
    data: {
      name,
      dag_id: 'e2e_dag',
      airflow_connection: conn,
      parameters: { type: 'object', properties: { year: { type: 'integer' } }, required: ['year'] },
    },
  });
  expect(created.status()).toBe(201);
  expect(await created.json()).toMatchObject({
    service_name: name,
    engine: 'airflow',
    defined_in: 'admin',
    airflow_connection: conn,
  });
  const refusedParams = await request.post('/v1/services', {
    headers: admin,
    data: { name: `x_${unique()}`, dag_id: 'd', parameters: { type: 'array' } },
  });
  expect(refusedParams.status()).toBe(400);
  expect((await refusedParams.json()).detail).toMatch(/^parameters:/);
  const startBad = await request.post(`/v1/services/${name}`, { headers: admin, data: { year: 'soon' } });
  expect(startBad.status()).toBe(400);
  expect((await startBad.json()).detail).toMatch(/^year: must be integer/);

  const patched = await request.patch(`/v1/services/${name}`, { headers: admin, data: { visible: false, dag_id: 'e2e_dag_2' } });
  expect(await patched.json()).toMatchObject({ visible: false, dag_id: 'e2e_dag_2' });
  const c2 = await (await request.get('/v1/config/airflow', { headers: admin })).json();
  expect(c2.airflow_configuration).toContainEqual(
    expect.objectContaining({ service_name: name, dag_id: 'e2e_dag_2', airflow_connection: conn }),
  );
  const embedded = await request.patch('/v1/services/vector_class_attribution', { headers: admin, data: { dag_id: 'x' } });
  expect([embedded.status(), (await embedded.json()).reason]).toEqual([400, 'DEFINED_IN_CODE']);
  expect((await request.delete('/v1/services/harmonics', { headers: admin })).status()).toBe(409);
  expect((await request.delete(`/v1/services/${name}`, { headers: admin })).status()).toBe(204);
  expect((await request.delete(`/v1/services/${name}`, { headers: admin })).status()).toBe(404);

  // The reference's M11 and M13.
  const legacy = await request.post('/v1/crm/services/create', {
    headers: admin,
    data: {
      service_name: `legacy_${unique()}`,
      service_comment: 'from M11',
      service_validity: true,
      service_owner_geoville: 'ops',
      external: false,
    },
  });
  expect(legacy.status()).toBe(201);
  const { service_id } = await legacy.json();
  // M9 shows the reference's service object back (with our fields around it).
  const m9 = await request.get(`/v1/crm/services/id/${service_id}`, { headers: admin });
  expect(m9.status()).toBe(200);
  expect(await m9.json()).toMatchObject({
    service_id,
    service_comment: 'from M11',
    service_validity: true,
    service_owner_geoville: 'ops',
    external: false,
    date_of_creation: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/),
  });
  expect((await request.delete(`/v1/crm/services/delete/id/${service_id}`, { headers: admin })).status()).toBe(204);

  expect((await request.delete(`/v1/config/airflow_connections/${conn}`, { headers: admin })).status()).toBe(200);
});

test('other tokens may not change the catalogue or the configuration', async ({ request }) => {
  const user = (await clientToken(request, 'get_product')).headers;
  for (const r of [
    request.post('/v1/services', { headers: user, data: { name: 'nope_svc', dag_id: 'd' } }),
    request.patch('/v1/services/harmonics', { headers: user, data: { visible: false } }),
    request.delete('/v1/services/harmonics', { headers: user }),
    request.get('/v1/config/airflow_connections', { headers: user }),
    request.put('/v1/config/airflow_connections/x', { headers: user, data: {} }),
    request.get('/v1/config/airflow', { headers: user }),
  ]) {
    expect((await r).status()).toBe(403);
  }
});
