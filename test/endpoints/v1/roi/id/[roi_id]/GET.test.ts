/** O3 GET /v1/roi/id/{roi_id}: one of the caller's ROIs; another customer's is a 404. */
import { beforeAll, describe, expect, it } from 'vitest';
import { POST as create } from '~/app/v1/roi/create/route';
import { GET } from '~/app/v1/roi/id/[roi_id]/route';
import { useEndpoint } from '~/test/endpoint';
import { VIENNA_GEOJSON } from '~/test/areas';

const api = useEndpoint();
let id: string;

beforeAll(async () => {
  const r = await api.call(create, '/v1/roi/create', {
    as: 'user',
    body: { name: 'Vienna', description: 'centre', geoJSON: VIENNA_GEOJSON },
  });
  expect(r.status, r.text).toBe(201);
  id = r.json.roi_id;
});

describe('GET /v1/roi/id/{roi_id}', () => {
  it('answers the caller’s ROI', async () => {
    const r = await api.call(GET, `/v1/roi/id/${id}`, { as: 'user', params: { roi_id: id } });
    expect(r.status, r.text).toBe(200);
    expect(r.json).toMatchObject({
      roi_id: id,
      name: 'Vienna',
      description: 'centre',
      customer_id: api.clients.user!.customerId,
      geoJSON: { type: 'MultiPolygon' },
    });
    expect(r.json.geoJSON.coordinates[0][0][0]).toEqual([16.355, 48.2]);
    expect(r.headers.get('cache-control')).toBe('no-store');
  });

  it('bad input: a roi_id that is not a UUID is 400; an unknown one 404', async () => {
    api.expectProblem(
      await api.unchanged(() => api.call(GET, '/v1/roi/id/nope', { as: 'user', params: { roi_id: 'nope' } })),
      400,
      /^roi_id:/,
    );
    const unknown = '00000000-0000-4000-8000-000000000000';
    api.expectProblem(await api.call(GET, `/v1/roi/id/${unknown}`, { as: 'user', params: { roi_id: unknown } }), 404, /^roi_id:/);
  });

  it('another customer’s ROI is 404 (admin may read it), wrong scope 403, no token 401', async () => {
    const params = { roi_id: id };
    api.expectProblem(await api.call(GET, `/v1/roi/id/${id}`, { as: 'other', params }), 404, /^roi_id:/);
    expect((await api.call(GET, `/v1/roi/id/${id}`, { as: 'admin', params })).json.roi_id).toBe(id);
    api.expectProblem(await api.call(GET, `/v1/roi/id/${id}`, { as: 'stranger', params }), 403, /scope/);
    api.expectProblem(await api.call(GET, `/v1/roi/id/${id}`, { params }), 401);
  });
});
