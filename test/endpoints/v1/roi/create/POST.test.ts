/** O1 POST /v1/roi/create: the suite of rois/create-roi-suite.ts. */
import { POST } from '~/app/v1/roi/create/route';
import { createRoiSuite } from '../../rois/create-roi-suite';

createRoiSuite(POST, '/v1/roi/create');
