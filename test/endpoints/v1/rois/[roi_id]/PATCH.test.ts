/** PATCH /v1/rois/{roi_id}: the suite of patch-roi-suite.ts; the path names the ROI, a body roi_id must agree. */
import { PATCH } from '~/app/v1/rois/[roi_id]/route';
import { patchRoiSuite } from './patch-roi-suite';

patchRoiSuite(PATCH, {
  at: (id) => ({ path: `/v1/rois/${id}`, params: { roi_id: id } }),
  names: () => ({}),
  misnamed: [{ roi_id: '22222222-2222-4222-8222-222222222222' }, /^roi_id:.*another ROI/],
});
