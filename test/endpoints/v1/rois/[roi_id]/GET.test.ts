/** GET /v1/rois/{roi_id}: the suite of get-roi-suite.ts. */
import { GET } from '~/app/v1/rois/[roi_id]/route';
import { getRoiSuite } from './get-roi-suite';

getRoiSuite(GET, (id) => ({ path: `/v1/rois/${id}`, params: { roi_id: id } }));
