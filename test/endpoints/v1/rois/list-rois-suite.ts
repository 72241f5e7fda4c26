/**
 * O2 GET /v1/roi and GET /v1/rois share one handler: the suite each file runs with its route. The caller's customer's
 * ROIs by name; admins see every customer's.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { useEndpoint, type RouteHandler } from '~/test/endpoint';
import { createRoi } from './roi-fixture';

export function listRoisSuite(GET: RouteHandler, path: string) {
  const api = useEndpoint();
  const names = (r: { json: { rois: { name: string }[] } }) => r.json.rois.map((x) => x.name);

  beforeAll(async () => {
    await createRoi(api, { name: 'zeta' });
    await createRoi(api, { name: 'alpha' });
    await createRoi(api, { name: 'theirs' }, 'other');
  });

  describe(`GET ${path}`, () => {
    it('lists only the caller’s ROIs, by name, with their geometry', async () => {
      const r = await api.call(GET, path, { as: 'user' });
      expect(r.status, r.text).toBe(200);
      expect(names(r)).toEqual(['alpha', 'zeta']);
      expect(r.json.rois[0]).toMatchObject({ customer_id: api.clients.user!.customerId, geoJSON: { type: 'MultiPolygon' } });
      expect(names(await api.call(GET, path, { as: 'other' }))).toEqual(['theirs']);
    });

    it('a customer without ROIs gets an empty list; an admin gets every customer’s', async () => {
      expect((await api.call(GET, path, { as: 'reader' })).json).toEqual({ rois: [] });
      expect(names(await api.call(GET, path, { as: 'admin' }))).toEqual(['alpha', 'theirs', 'zeta']);
    });

    it('wrong scope 403, no token 401, a bad token 401', async () => {
      api.expectProblem(await api.call(GET, path, { as: 'stranger' }), 403, /scope/);
      api.expectProblem(await api.call(GET, path), 401);
      api.expectProblem(await api.call(GET, path, { token: 'not-a-token' }), 401);
    });
  });
}
