/**
 * O9 PUT /v1/roi/update (the ROI named by `roi_id` in the body) and PUT /v1/rois/{roi_id} (named by the path) share
 * one handler: the suite each file runs with its route and how it names the ROI. Replaces name, description, geoJSON.
 */
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { rois } from '~/db/schema';
import { useEndpoint, type CallOptions, type RouteHandler } from '~/test/endpoint';
import { BOWTIE_GEOJSON } from '~/test/areas';
import { createRoi, type RoiTarget } from '../roi-fixture';

const BBOX = [16.36, 48.2, 16.37, 48.21];

export function putRoiSuite(PUT: RouteHandler, { at, names, misnamed }: RoiTarget) {
  const api = useEndpoint();
  let id: string;
  const send = (o: CallOptions = {}) => {
    const { path, params } = at(id);
    return api.call(PUT, path, { method: 'PUT', params, ...o });
  };

  beforeAll(async () => {
    id = await createRoi(api, { name: 'old', description: 'was' });
    await createRoi(api, { name: 'taken' });
  });

  describe(`PUT ${at('{roi_id}').path}`, () => {
    it('replaces every field: a description left out becomes null; the row is changed', async () => {
      const r = await send({ as: 'user', body: { ...names(id), name: 'new', geoJSON: BBOX } });
      expect(r.status, r.text).toBe(200);
      expect(r.json).toMatchObject({ roi_id: id, name: 'new', description: null, customer_id: api.clients.user!.customerId });
      expect(r.json.geoJSON.coordinates[0][0]).toHaveLength(5);
      const [row] = await api.db.select({ name: rois.name, description: rois.description }).from(rois).where(eq(rois.id, id));
      expect(row).toEqual({ name: 'new', description: null });
    });

    it('bad input: 400 naming the field, a name taken 409; nothing written', async () => {
      const cases: [Record<string, unknown>, RegExp][] = [
        [{ ...misnamed[0], name: 'x', geoJSON: BBOX }, misnamed[1]],
        [{ roi_id: 'nope', name: 'x', geoJSON: BBOX }, /^roi_id:/],
        [{ roi_id: id, geoJSON: BBOX }, /^name:/],
        [{ roi_id: id, name: 'x' }, /^geoJSON:/],
        [{ roi_id: id, name: 'x', geoJSON: BOWTIE_GEOJSON }, /^geoJSON:.*self-intersection/i],
        [{ roi_id: id, name: 'x', geoJSON: BBOX, colour: 'red' }, /colour/],
      ];
      for (const [body, detail] of cases) {
        const r = await api.unchanged(() => send({ as: 'user', body }));
        api.expectProblem(r, 400, detail);
      }
      api.expectProblem(await api.unchanged(() => send({ as: 'user', body: { roi_id: id, name: 'taken', geoJSON: BBOX } })), 409);
    });

    it('another customer’s ROI is 404, another customer’s user_id 403, wrong scope 403, no token 401; nothing written', async () => {
      const body = { roi_id: id, name: 'stolen', geoJSON: BBOX };
      api.expectProblem(await api.unchanged(() => send({ as: 'other', body })), 404, /^roi_id:/);
      api.expectProblem(
        await api.unchanged(() => send({ as: 'user', body: { ...body, user_id: api.clients.other!.clientId } })),
        403,
        /^user_id:/,
      );
      api.expectProblem(await api.unchanged(() => send({ as: 'stranger', body })), 403, /scope/);
      api.expectProblem(await api.unchanged(() => send({ body })), 401);
    });
  });
}
