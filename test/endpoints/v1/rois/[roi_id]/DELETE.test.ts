/** DELETE /v1/rois/{roi_id}: deletes one of the caller's ROIs (204); another customer's is a 404. */
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { rois } from '~/db/schema';
import { POST as create } from '~/app/v1/rois/route';
import { DELETE } from '~/app/v1/rois/[roi_id]/route';
import { useEndpoint } from '~/test/endpoint';
import { VIENNA_GEOJSON } from '~/test/areas';

const api = useEndpoint();
const make = async (name: string, as = 'user') => {
  const r = await api.call(create, '/v1/rois', { as, body: { name, geoJSON: VIENNA_GEOJSON } });
  expect(r.status, r.text).toBe(201);
  return r.json.roi_id as string;
};
const del = (id: string, as?: string) => api.call(DELETE, `/v1/rois/${id}`, { as, method: 'DELETE', params: { roi_id: id } });

describe('DELETE /v1/rois/{roi_id}', () => {
  it('deletes the caller’s ROI: 204, the row gone; a second delete is 404', async () => {
    const id = await make('gone');
    const r = await del(id, 'user');
    expect(r.status, r.text).toBe(204);
    expect(r.text).toBe('');
    expect(await api.db.select().from(rois).where(eq(rois.id, id))).toEqual([]);
    api.expectProblem(await del(id, 'user'), 404, /^roi_id:/);
  });

  it('bad input: a roi_id that is not a UUID is 400, nothing written', async () => {
    api.expectProblem(await api.unchanged(() => del('12', 'user')), 400, /^roi_id:/);
  });

  it('another customer’s ROI is 404, wrong scope 403, no token 401; the ROI stays', async () => {
    const id = await make('kept');
    api.expectProblem(await api.unchanged(() => del(id, 'other')), 404, /^roi_id:/);
    api.expectProblem(await api.unchanged(() => del(id, 'stranger')), 403, /scope/);
    api.expectProblem(await api.unchanged(() => del(id)), 401);
    expect(await api.db.select({ name: rois.name }).from(rois).where(eq(rois.id, id))).toEqual([{ name: 'kept' }]);
  });
});
