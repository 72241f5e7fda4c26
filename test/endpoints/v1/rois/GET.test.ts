/** GET /v1/rois: the suite of list-rois-suite.ts. */
import { GET } from '~/app/v1/rois/route';
import { listRoisSuite } from './list-rois-suite';

listRoisSuite(GET, '/v1/rois');
