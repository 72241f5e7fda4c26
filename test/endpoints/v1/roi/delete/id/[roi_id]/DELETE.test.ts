/** O6 DELETE /v1/roi/delete/id/{roi_id}: the suite of rois/[roi_id]/delete-roi-suite.ts. */
import { DELETE } from '~/app/v1/roi/delete/id/[roi_id]/route';
import { deleteRoiSuite } from '../../../../rois/[roi_id]/delete-roi-suite';

deleteRoiSuite(DELETE, (id) => ({ path: `/v1/roi/delete/id/${id}`, params: { roi_id: id } }));
