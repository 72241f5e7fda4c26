/**
 * O6 DELETE /v1/roi/delete/id/{roi_id} and DELETE /v1/rois/{roi_id} share one handler: the suite each file runs with
 * its route. Deletes one of the caller's ROIs (204); another customer's is a 404.
 */
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { rois } from '~/db/schema';
import { useEndpoint, type RouteHandler } from '~/test/endpoint';
import { createRoi, type RoiAt } from '../roi-fixture';

export function deleteRoiSuite(DELETE: RouteHandler, at: RoiAt) {
  const api = useEndpoint();
  const del = (id: string, as?: string) => {
    const { path, params } = at(id);
    return api.call(DELETE, path, { as, method: 'DELETE', params });
  };

  describe(`DELETE ${at('{roi_id}').path}`, () => {
    it('deletes the caller’s ROI: 204, the row gone; a second delete is 404', async () => {
      const id = await createRoi(api, { name: 'gone' });
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
      const id = await createRoi(api, { name: 'kept' });
      api.expectProblem(await api.unchanged(() => del(id, 'other')), 404, /^roi_id:/);
      api.expectProblem(await api.unchanged(() => del(id, 'stranger')), 403, /scope/);
      api.expectProblem(await api.unchanged(() => del(id)), 401);
      expect(await api.db.select({ name: rois.name }).from(rois).where(eq(rois.id, id))).toEqual([{ name: 'kept' }]);
    });
  });
}
