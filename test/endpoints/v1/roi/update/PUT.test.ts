/** O9 PUT /v1/roi/update: replaces the ROI named by `roi_id` in the body (name, description, geoJSON). */
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { rois } from '~/db/schema';
import { POST as create } from '~/app/v1/roi/create/route';
import { PUT } from '~/app/v1/roi/update/route';
import { useEndpoint } from '~/test/endpoint';
import { BOWTIE_GEOJSON, VIENNA_GEOJSON } from '~/test/areas';

const api = useEndpoint();
const path = '/v1/roi/update';
const BBOX = [16.36, 48.2, 16.37, 48.21];
let id: string;

beforeAll(async () => {
  const r = await api.call(create, '/v1/roi/create', {
    as: 'user',
    body: { name: 'old', description: 'was', geoJSON: VIENNA_GEOJSON },
  });
  expect(r.status, r.text).toBe(201);
  id = r.json.roi_id;
  expect(
    (await api.call(create, '/v1/roi/create', { as: 'user', body: { name: 'taken', geoJSON: VIENNA_GEOJSON } })).status,
  ).toBe(201);
});

describe('PUT /v1/roi/update', () => {
  it('replaces every field: a description left out becomes null; the row is changed', async () => {
    const r = await api.call(PUT, path, { as: 'user', method: 'PUT', body: { roi_id: id, name: 'new', geoJSON: BBOX } });
    expect(r.status, r.text).toBe(200);
    expect(r.json).toMatchObject({ roi_id: id, name: 'new', description: null, customer_id: api.clients.user!.customerId });
    expect(r.json.geoJSON.coordinates[0][0]).toHaveLength(5);
    const [row] = await api.db.select({ name: rois.name, description: rois.description }).from(rois).where(eq(rois.id, id));
    expect(row).toEqual({ name: 'new', description: null });
  });

  it('bad input: 400 naming the field, nothing written', async () => {
    for (const [body, detail] of [
      [{ name: 'x', geoJSON: BBOX }, /^roi_id:/],
      [{ roi_id: 'nope', name: 'x', geoJSON: BBOX }, /^roi_id:/],
      [{ roi_id: id, geoJSON: BBOX }, /^name:/],
      [{ roi_id: id, name: 'x' }, /^geoJSON:/],
      [{ roi_id: id, name: 'x', geoJSON: BOWTIE_GEOJSON }, /^geoJSON:.*self-intersection/i],
      [{ roi_id: id, name: 'x', geoJSON: BBOX, colour: 'red' }, /colour/],
    ] as const) {
      const r = await api.unchanged(() => api.call(PUT, path, { as: 'user', method: 'PUT', body }));
      api.expectProblem(r, 400, detail);
    }
    api.expectProblem(
      await api.unchanged(() =>
        api.call(PUT, path, { as: 'user', method: 'PUT', body: { roi_id: id, name: 'taken', geoJSON: BBOX } }),
      ),
      409,
    );
  });

  it('another customer’s ROI is 404, wrong scope 403, no token 401; nothing written', async () => {
    const body = { roi_id: id, name: 'stolen', geoJSON: BBOX };
    api.expectProblem(await api.unchanged(() => api.call(PUT, path, { as: 'other', method: 'PUT', body })), 404, /^roi_id:/);
    api.expectProblem(
      await api.unchanged(() =>
        api.call(PUT, path, { as: 'user', method: 'PUT', body: { ...body, user_id: api.clients.other!.clientId } }),
      ),
      403,
      /^user_id:/,
    );
    api.expectProblem(await api.unchanged(() => api.call(PUT, path, { as: 'stranger', method: 'PUT', body })), 403, /scope/);
    api.expectProblem(await api.unchanged(() => api.call(PUT, path, { method: 'PUT', body })), 401);
  });
});
