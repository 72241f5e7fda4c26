/**
 * O3 GET /v1/roi/id/{roi_id} and GET /v1/rois/{roi_id} share one handler: the suite each file runs with its route.
 * One of the caller's ROIs; another customer's is a 404 (an admin may read it).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { useEndpoint, type RouteHandler } from '~/test/endpoint';
import { createRoi, type RoiAt } from '../roi-fixture';

export function getRoiSuite(GET: RouteHandler, at: RoiAt) {
  const api = useEndpoint();
  let id: string;
  const get = (roiId: string, as?: string) => {
    const { path, params } = at(roiId);
    return api.call(GET, path, { as, params });
  };

  beforeAll(async () => {
    id = await createRoi(api, { name: 'Vienna', description: 'centre' });
  });

  describe(`GET ${at('{roi_id}').path}`, () => {
    it('answers the caller’s ROI with its geometry and times, not to be cached', async () => {
      const r = await get(id, 'user');
      expect(r.status, r.text).toBe(200);
      expect(r.json).toMatchObject({
        roi_id: id,
        name: 'Vienna',
        description: 'centre',
        customer_id: api.clients.user!.customerId,
        geoJSON: { type: 'MultiPolygon' },
      });
      expect(r.json.geoJSON.coordinates[0][0]).toHaveLength(5);
      expect(r.json.geoJSON.coordinates[0][0][0]).toEqual([16.355, 48.2]);
      expect(Date.parse(r.json.created_at)).not.toBeNaN();
      expect(r.headers.get('cache-control')).toBe('no-store');
    });

    it('bad input: a roi_id that is not a UUID is 400; an unknown one 404', async () => {
      for (const bad of ['nope', 'abc']) api.expectProblem(await api.unchanged(() => get(bad, 'user')), 400, /^roi_id:/);
      for (const unknown of ['00000000-0000-4000-8000-000000000000', '11111111-1111-4111-8111-111111111111'])
        api.expectProblem(await get(unknown, 'user'), 404, /^roi_id:/);
    });

    it('another customer’s ROI is 404 (admin may read it), wrong scope 403, no token 401', async () => {
      api.expectProblem(await get(id, 'other'), 404, /^roi_id:/);
      expect((await get(id, 'admin')).json.roi_id).toBe(id);
      api.expectProblem(await get(id, 'stranger'), 403, /scope/);
      api.expectProblem(await get(id), 401);
    });
  });
}
