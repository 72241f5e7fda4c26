/** PUT /v1/rois/{roi_id}: the suite of put-roi-suite.ts; the path names the ROI, a body roi_id must agree. */
import { PUT } from '~/app/v1/rois/[roi_id]/route';
import { putRoiSuite } from './put-roi-suite';

putRoiSuite(PUT, {
  at: (id) => ({ path: `/v1/rois/${id}`, params: { roi_id: id } }),
  names: () => ({}),
  misnamed: [{ roi_id: '22222222-2222-4222-8222-222222222222' }, /^roi_id:.*another ROI/],
});
