/** DELETE /v1/config/airflow_connections/{name}: removes an API-added connection (admin); unknown names 404. */
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { DELETE, PUT } from '~/app/v1/config/airflow_connections/[name]/route';
import { airflowConnections } from '~/db/schema';
import { useEndpoint } from '~/test/endpoint';

const api = useEndpoint();
const del = (name: string, as: string | null = 'admin') =>
  api.call(DELETE, `/v1/config/airflow_connections/${name}`, { as, method: 'DELETE', params: { name } });
const body = { url: 'http://127.0.0.1:9', api_version: 'v1', username: 'airflow', password: 'pw' };

describe('DELETE /v1/config/airflow_connections/{name}', () => {
  it('removes the connection; a second delete is a 404', async () => {
    const made = await api.call(PUT, '/v1/config/airflow_connections/gone', {
      as: 'admin',
      method: 'PUT',
      body,
      params: { name: 'gone' },
    });
    expect(made.status, made.text).toBe(201);
    const r = await del('gone');
    expect(r.status, r.text).toBe(200);
    expect(r.json).toEqual({ name: 'gone', removed: true, environment_still_defines: false });
    expect(await api.db.select().from(airflowConnections).where(eq(airflowConnections.name, 'gone'))).toEqual([]);
    api.expectProblem(await api.unchanged(() => del('gone')), 404, /^name: no Airflow connection named gone/);
  });

  it('a malformed name is a 400 naming name, an unknown one 404; nothing written', async () => {
    api.expectProblem(await api.unchanged(() => del('Not Valid')), 400, /^name:/);
    api.expectProblem(await api.unchanged(() => del('nobody')), 404, /^name:/);
  });

  it('a customer’s token and a token without the scope are 403, no token 401; nothing written', async () => {
    await api.call(PUT, '/v1/config/airflow_connections/kept', { as: 'admin', method: 'PUT', body, params: { name: 'kept' } });
    api.expectProblem(await api.unchanged(() => del('kept', 'user')), 403, /scope/);
    api.expectProblem(await api.unchanged(() => del('kept', 'stranger')), 403, /scope/);
    api.expectProblem(await api.unchanged(() => del('kept', null)), 401);
    expect(await api.db.select().from(airflowConnections).where(eq(airflowConnections.name, 'kept'))).toHaveLength(1);
  });
});
