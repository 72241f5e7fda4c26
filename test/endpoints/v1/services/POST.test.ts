/** POST /v1/services: a new Airflow-backed service (admin); its connection must be configured, its name new. */
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { PUT as putConnection } from '~/app/v1/config/airflow_connections/[name]/route';
import { POST } from '~/app/v1/services/route';
import { scopes, services } from '~/db/schema';
import { useEndpoint } from '~/test/endpoint';

const api = useEndpoint({ airflow: true });
const path = '/v1/services';
const connection = (name: string) =>
  api.call(putConnection, `/v1/config/airflow_connections/${name}`, {
    as: 'admin',
    method: 'PUT',
    body: { url: 'http://127.0.0.1:9', api_version: 'v1', username: 'airflow', password: 'pw' },
    params: { name },
  });

describe('POST /v1/services', () => {
  it('creates the service on a configured connection, with its own scope; stored as answered', async () => {
    expect((await connection('lab')).status).toBe(201);
    const r = await api.call(POST, path, {
      as: 'admin',
      body: {
        name: 'change_detection',
        title: 'Change detection',
        description: 'Finds changes',
        dag_id: 'change_detection_v2',
        airflow_connection: 'lab',
        scopes: ['change_detection'],
        unit: 'production_unit',
        parameters: { type: 'object', properties: { year: { type: 'integer' } } },
      },
    });
    expect(r.status, r.text).toBe(201);
    expect(r.headers.get('location')).toBe('/v1/services/change_detection');
    expect(r.json).toMatchObject({
      service_id: expect.any(String),
      service_name: 'change_detection',
      title: 'Change detection',
      description: 'Finds changes',
      engine: 'airflow',
      dag_id: 'change_detection_v2',
      airflow_connection: 'lab',
      scopes: ['change_detection'],
      unit: 'production_unit',
      visible: true,
      defined_in: 'admin',
      links: { start: { href: '/v1/services/change_detection', method: 'POST' } },
    });
    // the unit field is added to the parameters, and required
    expect(r.json.parameters.required).toContain(Object.keys(r.json.parameters.properties).find((k) => k !== 'year'));
    const [row] = await api.db.select().from(services).where(eq(services.name, 'change_detection'));
    expect(row).toMatchObject({
      id: r.json.service_id,
      engine: 'airflow',
      dagId: 'change_detection_v2',
      airflowConnection: 'lab',
      origin: 'admin',
      unitKind: 'production_unit',
      deletedAt: null,
    });
    expect(await api.db.select().from(scopes).where(eq(scopes.name, 'change_detection'))).toHaveLength(1);
  });

  it('bad input: 400/409/422 naming the field; nothing written', async () => {
    const ok = { name: 'some_service', dag_id: 'some_dag' };
    for (const [body, status, detail] of [
      [{ dag_id: 'x' }, 400, /^name:/],
      [{ ...ok, name: 'Bad-Name' }, 400, /^name:/],
      [{ name: 'some_service' }, 400, /^dag_id:/],
      [{ ...ok, dag_id: 'a dag' }, 400, /^dag_id:/],
      [{ ...ok, scopes: ['x', 'x'] }, 400, /^scopes:/],
      [{ ...ok, scopes: ['no_such_scope'] }, 400, /scopes/],
      [{ ...ok, unit: 'planet' }, 400, /^unit:/],
      [{ ...ok, parameters: { type: 'nonsense' } }, 400, /^parameters:/],
      [{ ...ok, colour: 'red' }, 400, /colour/],
      [{ ...ok, airflow_connection: 'nowhere' }, 422, /^airflow_connection:/],
      [{ ...ok, name: 'get_product' }, 409, /^name:/],
    ] as const) {
      const r = await api.unchanged(() => api.call(POST, path, { as: 'admin', body }));
      api.expectProblem(r, status, detail);
    }
    expect((await api.call(POST, path, { as: 'admin', body: ok })).status).toBe(201);
    api.expectProblem(await api.unchanged(() => api.call(POST, path, { as: 'admin', body: ok })), 409, /^name:/);
  });

  it('a customer’s token and a token without the scope are 403, no token 401; nothing written', async () => {
    const body = { name: 'not_made', dag_id: 'not_made' };
    api.expectProblem(await api.unchanged(() => api.call(POST, path, { as: 'user', body })), 403, /scope/);
    api.expectProblem(await api.unchanged(() => api.call(POST, path, { as: 'stranger', body })), 403, /scope/);
    api.expectProblem(await api.unchanged(() => api.call(POST, path, { body })), 401);
  });
});
