/**
 * O1 POST /v1/roi/create and POST /v1/rois share one handler: the suite each file runs with its route. An ROI of the
 * caller's customer; geometry checked as an order's AOI; user_id is one's own.
 */
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { rois } from '~/db/schema';
import { useEndpoint, type RouteHandler } from '~/test/endpoint';
import { BOWTIE_GEOJSON, VIENNA_GEOJSON } from '~/test/areas';

export function createRoiSuite(POST: RouteHandler, path: string) {
  const api = useEndpoint();

  describe(`POST ${path}`, () => {
    it('creates the ROI for the caller’s customer; user_id may be the caller’s client_id', async () => {
      const me = api.clients.user!;
      const r = await api.call(POST, path, {
        as: 'user',
        body: { name: 'Vienna', description: 'centre', geoJSON: VIENNA_GEOJSON, user_id: me.clientId },
      });
      expect(r.status, r.text).toBe(201);
      expect(r.json).toMatchObject({
        name: 'Vienna',
        description: 'centre',
        customer_id: me.customerId,
        geoJSON: { type: 'MultiPolygon' },
      });
      expect(r.headers.get('location')).toBe(`/v1/rois/${r.json.roi_id}`);
      const [row] = await api.db
        .select({ name: rois.name, customerId: rois.customerId })
        .from(rois)
        .where(eq(rois.id, r.json.roi_id));
      expect(row).toEqual({ name: 'Vienna', customerId: me.customerId });
    });

    it('bad input: 400 naming the field, nothing written', async () => {
      for (const [body, detail] of [
        [{ geoJSON: VIENNA_GEOJSON }, /^name:/],
        [{ name: 'x', geoJSON: BOWTIE_GEOJSON }, /^geoJSON:.*self-intersection/i],
        [{ name: 'x', geoJSON: VIENNA_GEOJSON, colour: 'red' }, /colour/],
      ] as const) {
        const r = await api.unchanged(() => api.call(POST, path, { as: 'user', body }));
        api.expectProblem(r, 400, detail);
      }
    });

    it('another customer’s user_id is 403, a token without the scopes 403, no token 401; nothing written', async () => {
      const other = api.clients.other!;
      const body = { name: 'x', geoJSON: VIENNA_GEOJSON };
      api.expectProblem(
        await api.unchanged(() => api.call(POST, path, { as: 'user', body: { ...body, user_id: other.clientId } })),
        403,
        /^user_id:/,
      );
      api.expectProblem(await api.unchanged(() => api.call(POST, path, { as: 'stranger', body })), 403, /scope/);
      api.expectProblem(await api.unchanged(() => api.call(POST, path, { body })), 401);
    });
  });
}
