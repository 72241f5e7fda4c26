/** PATCH /v1/rois/{roi_id}: changes some fields of the ROI of the path. */
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { rois } from '~/db/schema';
import { POST as create } from '~/app/v1/rois/route';
import { PATCH } from '~/app/v1/rois/[roi_id]/route';
import { useEndpoint } from '~/test/endpoint';
import { BOWTIE_GEOJSON, VIENNA_GEOJSON } from '~/test/areas';

const api = useEndpoint();
const at = (o: Parameters<typeof api.call>[2] = {}) =>
  api.call(PATCH, `/v1/rois/${id}`, { method: 'PATCH', params: { roi_id: id }, ...o });
let id: string;

beforeAll(async () => {
  const r = await api.call(create, '/v1/rois', {
    as: 'user',
    body: { name: 'old', description: 'kept', geoJSON: VIENNA_GEOJSON },
  });
  expect(r.status, r.text).toBe(201);
  id = r.json.roi_id;
});

describe('PATCH /v1/rois/{roi_id}', () => {
  it('changes only the fields sent; the others (description, geometry) stay', async () => {
    const r = await at({ as: 'user', body: { name: 'renamed' } });
    expect(r.status, r.text).toBe(200);
    expect(r.json).toMatchObject({ roi_id: id, name: 'renamed', description: 'kept' });
    expect(r.json.geoJSON.coordinates[0][0][0]).toEqual([16.355, 48.2]);
    const [row] = await api.db.select({ name: rois.name, description: rois.description }).from(rois).where(eq(rois.id, id));
    expect(row).toEqual({ name: 'renamed', description: 'kept' });
    const d = await at({ as: 'user', body: { roi_id: id, description: null } });
    expect(d.json).toMatchObject({ name: 'renamed', description: null });
  });

  it('bad input: 400 naming the field, nothing written', async () => {
    for (const [body, detail] of [
      [{ roi_id: '22222222-2222-4222-8222-222222222222', name: 'x' }, /^roi_id:.*another ROI/],
      [{ roi_id: 'nope', name: 'x' }, /^roi_id:/],
      [{ roi_id: id }, /name, description, geoJSON/],
      [{ roi_id: id, name: '  ' }, /^name:/],
      [{ roi_id: id, geoJSON: BOWTIE_GEOJSON }, /^geoJSON:.*self-intersection/i],
      [{ roi_id: id, name: 'x', colour: 'red' }, /colour/],
    ] as const) {
      const r = await api.unchanged(() => at({ as: 'user', body }));
      api.expectProblem(r, 400, detail);
    }
  });

  it('another customer’s ROI is 404, wrong scope 403, no token 401; nothing written', async () => {
    const body = { roi_id: id, name: 'stolen' };
    api.expectProblem(await api.unchanged(() => at({ as: 'other', body })), 404, /^roi_id:/);
    api.expectProblem(await api.unchanged(() => at({ as: 'stranger', body })), 403, /scope/);
    api.expectProblem(await api.unchanged(() => at({ body })), 401);
  });
});
