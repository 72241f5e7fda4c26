/** O2 GET /v1/roi, the legacy list: the suite of rois/list-rois-suite.ts. */
import { GET } from '~/app/v1/roi/route';
import { listRoisSuite } from '../rois/list-rois-suite';

listRoisSuite(GET, '/v1/roi');
