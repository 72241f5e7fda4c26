/** O8 PATCH /v1/roi/update/filter: the suite of rois/[roi_id]/patch-roi-suite.ts; `roi_id` in the body names the ROI. */
import { PATCH } from '~/app/v1/roi/update/filter/route';
import { patchRoiSuite } from '../../../rois/[roi_id]/patch-roi-suite';

patchRoiSuite(PATCH, {
  at: () => ({ path: '/v1/roi/update/filter', params: {} }),
  names: (id) => ({ roi_id: id }),
  misnamed: [{}, /^roi_id:/],
});
