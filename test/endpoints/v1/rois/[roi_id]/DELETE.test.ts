/** DELETE /v1/rois/{roi_id}: the suite of delete-roi-suite.ts. */
import { DELETE } from '~/app/v1/rois/[roi_id]/route';
import { deleteRoiSuite } from './delete-roi-suite';

deleteRoiSuite(DELETE, (id) => ({ path: `/v1/rois/${id}`, params: { roi_id: id } }));
