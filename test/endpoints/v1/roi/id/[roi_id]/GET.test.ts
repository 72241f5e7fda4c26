/** O3 GET /v1/roi/id/{roi_id}: the suite of rois/[roi_id]/get-roi-suite.ts. */
import { GET } from '~/app/v1/roi/id/[roi_id]/route';
import { getRoiSuite } from '../../../rois/[roi_id]/get-roi-suite';

getRoiSuite(GET, (id) => ({ path: `/v1/roi/id/${id}`, params: { roi_id: id } }));
