/** O2 GET /v1/roi: the legacy list, the caller's customer's ROIs by name; admins see every customer's. */
import { beforeAll, describe, expect, it } from 'vitest';
import { POST as create } from '~/app/v1/roi/create/route';
import { GET } from '~/app/v1/roi/route';
import { useEndpoint } from '~/test/endpoint';
import { VIENNA_GEOJSON } from '~/test/areas';

const api = useEndpoint();
const names = (r: { json: { rois: { name: string }[] } }) => r.json.rois.map((x) => x.name);

beforeAll(async () => {
  for (const [as, name] of [
    ['user', 'zeta'],
    ['user', 'alpha'],
    ['other', 'theirs'],
  ] as const) {
    const r = await api.call(create, '/v1/roi/create', { as, body: { name, geoJSON: VIENNA_GEOJSON } });
    expect(r.status, r.text).toBe(201);
  }
});

describe('GET /v1/roi', () => {
  it('lists only the caller’s ROIs, by name, with their geometry', async () => {
    const r = await api.call(GET, '/v1/roi', { as: 'user' });
    expect(r.status, r.text).toBe(200);
    expect(names(r)).toEqual(['alpha', 'zeta']);
    expect(r.json.rois[0]).toMatchObject({ customer_id: api.clients.user!.customerId, geoJSON: { type: 'MultiPolygon' } });
    expect(names(await api.call(GET, '/v1/roi', { as: 'other' }))).toEqual(['theirs']);
  });

  it('a customer without ROIs gets an empty list; an admin gets every customer’s', async () => {
    expect((await api.call(GET, '/v1/roi', { as: 'reader' })).json).toEqual({ rois: [] });
    expect(names(await api.call(GET, '/v1/roi', { as: 'admin' }))).toEqual(['alpha', 'theirs', 'zeta']);
  });

  it('wrong scope 403, no token 401, a bad token 401', async () => {
    api.expectProblem(await api.call(GET, '/v1/roi', { as: 'stranger' }), 403, /scope/);
    api.expectProblem(await api.call(GET, '/v1/roi'), 401);
    api.expectProblem(await api.call(GET, '/v1/roi', { token: 'not-a-token' }), 401);
  });
});
