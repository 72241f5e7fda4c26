/** POST /v1/rois: the suite of create-roi-suite.ts. */
import { POST } from '~/app/v1/rois/route';
import { createRoiSuite } from './create-roi-suite';

createRoiSuite(POST, '/v1/rois');
