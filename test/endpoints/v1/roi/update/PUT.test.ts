/** O9 PUT /v1/roi/update: the suite of rois/[roi_id]/put-roi-suite.ts; `roi_id` in the body names the ROI. */
import { PUT } from '~/app/v1/roi/update/route';
import { putRoiSuite } from '../../rois/[roi_id]/put-roi-suite';

putRoiSuite(PUT, {
  at: () => ({ path: '/v1/roi/update', params: {} }),
  names: (id) => ({ roi_id: id }),
  misnamed: [{}, /^roi_id:/],
});
