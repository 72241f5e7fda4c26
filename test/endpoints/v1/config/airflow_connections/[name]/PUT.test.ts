/** PUT /v1/config/airflow_connections/{name}: add (201) or replace (200) a connection; the password sealed, never shown. */
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { PUT } from '~/app/v1/config/airflow_connections/[name]/route';
import { airflowConnections } from '~/db/schema';
import { useEndpoint } from '~/test/endpoint';

const api = useEndpoint();
const put = (name: string, body: unknown, as: string | null = 'admin') =>
  api.call(PUT, `/v1/config/airflow_connections/${name}`, { as, method: 'PUT', body, params: { name } });
const body = { url: 'http://127.0.0.1:9', api_version: 'v1', username: 'airflow', password: 's3cret-pw' };

describe('PUT /v1/config/airflow_connections/{name}', () => {
  it('adds the connection (201), replaces it (200); the password stored sealed and never answered', async () => {
    const r = await put('lab', body);
    expect(r.status, r.text).toBe(201);
    expect(r.headers.get('location')).toBe('/v1/config/airflow_connections/lab');
    expect(r.json).toEqual({
      name: 'lab',
      url: 'http://127.0.0.1:9',
      api_version: 'v1',
      username: 'airflow',
      timeout_ms: 10_000,
      source: 'api',
      active: true,
      updated_at: expect.any(String),
    });
    expect(r.text).not.toContain('s3cret-pw');
    const [row] = await api.db.select().from(airflowConnections).where(eq(airflowConnections.name, 'lab'));
    expect(row).toMatchObject({ url: 'http://127.0.0.1:9', apiVersion: 'v1', username: 'airflow', timeoutMs: 10_000 });
    expect(row!.passwordSealed).not.toContain('s3cret-pw');

    const again = await put('lab', { ...body, api_version: 'v2', username: 'ops', timeout_ms: 500 });
    expect(again.status, again.text).toBe(200);
    expect(again.headers.get('location')).toBeNull();
    expect(again.json).toMatchObject({ name: 'lab', api_version: 'v2', username: 'ops', timeout_ms: 500 });
    const rows = await api.db.select().from(airflowConnections).where(eq(airflowConnections.name, 'lab'));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ apiVersion: 'v2', username: 'ops', timeoutMs: 500 });
  });

  it('bad input: 400 naming the field, nothing written', async () => {
    for (const [name, b, detail] of [
      ['lab2', { ...body, url: 'ftp://x' }, /^url:/],
      ['lab2', { ...body, url: 'http://u:p@127.0.0.1:9' }, /^url:.*credentials/],
      ['lab2', { ...body, api_version: 'v3' }, /^api_version:/],
      ['lab2', { ...body, username: '' }, /^username:/],
      ['lab2', { ...body, password: '' }, /^password:/],
      ['lab2', { ...body, timeout_ms: 5 }, /^timeout_ms:/],
      ['lab2', { ...body, colour: 'red' }, /colour/],
      ['Bad Name', body, /^name:/],
    ] as const) {
      const r = await api.unchanged(() => put(name, b));
      api.expectProblem(r, 400, detail);
    }
  });

  it('a customer’s token and a token without the scope are 403, no token 401; nothing written', async () => {
    api.expectProblem(await api.unchanged(() => put('lab3', body, 'user')), 403, /scope/);
    api.expectProblem(await api.unchanged(() => put('lab3', body, 'stranger')), 403, /scope/);
    api.expectProblem(await api.unchanged(() => put('lab3', body, null)), 401);
  });
});
