/** M8 GET /v1/crm/services: the suite of services/list-services-suite.ts, taking no input (the reference). */
import { GET } from '~/app/v1/crm/services/route';
import { listServicesSuite } from '../../services/list-services-suite';

listServicesSuite(GET, '/v1/crm/services', { all: false });
