/**
 * O8 PATCH /v1/roi/update/filter (the ROI named by `roi_id` in the body) and PATCH /v1/rois/{roi_id} (named by the
 * path) share one handler: the suite each file runs with its route and how it names the ROI. Changes some fields.
 */
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { rois } from '~/db/schema';
import { useEndpoint, type CallOptions, type RouteHandler } from '~/test/endpoint';
import { BOWTIE_GEOJSON } from '~/test/areas';
import { createRoi, type RoiTarget } from '../roi-fixture';

export function patchRoiSuite(PATCH: RouteHandler, { at, names, misnamed }: RoiTarget) {
  const api = useEndpoint();
  let id: string;
  const send = (o: CallOptions = {}) => {
    const { path, params } = at(id);
    return api.call(PATCH, path, { method: 'PATCH', params, ...o });
  };

  beforeAll(async () => {
    id = await createRoi(api, { name: 'old', description: 'kept' });
  });

  describe(`PATCH ${at('{roi_id}').path}`, () => {
    it('changes only the fields sent; the others (description, geometry) stay', async () => {
      const r = await send({ as: 'user', body: { ...names(id), name: 'renamed' } });
      expect(r.status, r.text).toBe(200);
      expect(r.json).toMatchObject({ roi_id: id, name: 'renamed', description: 'kept' });
      expect(r.json.geoJSON.coordinates[0][0][0]).toEqual([16.355, 48.2]);
      const [row] = await api.db.select({ name: rois.name, description: rois.description }).from(rois).where(eq(rois.id, id));
      expect(row).toEqual({ name: 'renamed', description: 'kept' });
      const d = await send({ as: 'user', body: { roi_id: id, description: null } });
      expect(d.json).toMatchObject({ name: 'renamed', description: null });
    });

    it('bad input: 400 naming the field, nothing written', async () => {
      const cases: [Record<string, unknown>, RegExp][] = [
        [{ ...misnamed[0], name: 'x' }, misnamed[1]],
        [{ roi_id: 'nope', name: 'x' }, /^roi_id:/],
        [{ roi_id: id }, /name, description, geoJSON/],
        [{ roi_id: id, name: '  ' }, /^name:/],
        [{ roi_id: id, geoJSON: BOWTIE_GEOJSON }, /^geoJSON:.*self-intersection/i],
        [{ roi_id: id, name: 'x', colour: 'red' }, /colour/],
      ];
      for (const [body, detail] of cases) {
        const r = await api.unchanged(() => send({ as: 'user', body }));
        api.expectProblem(r, 400, detail);
      }
    });

    it('another customer’s ROI is 404, wrong scope 403, no token 401; nothing written', async () => {
      const body = { roi_id: id, name: 'stolen' };
      api.expectProblem(await api.unchanged(() => send({ as: 'other', body })), 404, /^roi_id:/);
      api.expectProblem(await api.unchanged(() => send({ as: 'stranger', body })), 403, /scope/);
      api.expectProblem(await api.unchanged(() => send({ body })), 401);
    });
  });
}
