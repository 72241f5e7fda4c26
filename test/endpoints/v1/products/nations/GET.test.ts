/** GET /v1/products/nations: the nations get_national_product accepts (those with a boundary), Title-cased. */
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { GET } from '~/app/v1/products/nations/route';
import { useEndpoint } from '~/test/endpoint';

const api = useEndpoint();
const path = '/v1/products/nations';
const box = sql`ST_Multi(ST_MakeEnvelope(9.5, 46.4, 17.2, 49.0, 4326))`;

describe('GET /v1/products/nations', () => {
  it('lists only nations with a boundary, alphabetically and Title-cased', async () => {
    expect((await api.call(GET, path, { as: 'reader' })).json).toEqual({ nations: [] });
    await api.db.execute(
      sql`update nations set boundary = ${box} where name in ('Austria', 'Bosnia And Herzegovina', 'Albania')`,
    );
    const r = await api.call(GET, path, { as: 'user' });
    expect(r.status, r.text).toBe(200);
    expect(r.headers.get('cache-control')).toBe('private, max-age=300');
    expect(r.json).toEqual({ nations: ['Albania', 'Austria', 'Bosnia And Herzegovina'] });
  });

  it('a query string changes nothing', async () => {
    const r = await api.call(GET, `${path}?q=aus`, { as: 'admin' });
    expect(r.status, r.text).toBe(200);
    expect(r.json.nations).toHaveLength(3);
  });

  it('a token without the scope is 403, no token 401', async () => {
    api.expectProblem(await api.unchanged(() => api.call(GET, path, { as: 'stranger' })), 403, /scope/);
    api.expectProblem(await api.unchanged(() => api.call(GET, path)), 401);
  });
});
