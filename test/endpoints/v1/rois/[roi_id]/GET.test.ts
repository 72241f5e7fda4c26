/** GET /v1/rois/{roi_id}: one of the caller's ROIs; another customer's is a 404. */
import { beforeAll, describe, expect, it } from 'vitest';
import { GET } from '~/app/v1/rois/[roi_id]/route';
import { POST as create } from '~/app/v1/rois/route';
import { useEndpoint } from '~/test/endpoint';
import { VIENNA_GEOJSON } from '~/test/areas';

const api = useEndpoint();
let id: string;
const get = (roiId: string, as?: string) => api.call(GET, `/v1/rois/${roiId}`, { as, params: { roi_id: roiId } });

beforeAll(async () => {
  const r = await api.call(create, '/v1/rois', {
    as: 'user',
    body: { name: 'Vienna', description: 'centre', geoJSON: VIENNA_GEOJSON },
  });
  expect(r.status, r.text).toBe(201);
  id = r.json.roi_id;
});

describe('GET /v1/rois/{roi_id}', () => {
  it('answers the caller’s ROI with its geometry and times', async () => {
    const r = await get(id, 'user');
    expect(r.status, r.text).toBe(200);
    expect(r.json).toMatchObject({
      roi_id: id,
      name: 'Vienna',
      description: 'centre',
      customer_id: api.clients.user!.customerId,
    });
    expect(r.json.geoJSON).toMatchObject({ type: 'MultiPolygon' });
    expect(r.json.geoJSON.coordinates[0][0]).toHaveLength(5);
    expect(Date.parse(r.json.created_at)).not.toBeNaN();
  });

  it('bad input: a roi_id that is not a UUID is 400; an unknown one 404', async () => {
    api.expectProblem(await api.unchanged(() => get('abc', 'user')), 400, /^roi_id:/);
    api.expectProblem(await get('11111111-1111-4111-8111-111111111111', 'user'), 404, /^roi_id:/);
  });

  it('another customer’s ROI is 404, wrong scope 403, no token 401', async () => {
    api.expectProblem(await get(id, 'other'), 404, /^roi_id:/);
    api.expectProblem(await get(id, 'stranger'), 403, /scope/);
    api.expectProblem(await get(id), 401);
  });
});
