/** GET /v1/services[?all=true]: the suite of services/list-services-suite.ts, with `all` for admins. */
import { GET } from '~/app/v1/services/route';
import { listServicesSuite } from './list-services-suite';

listServicesSuite(GET, '/v1/services', { all: true });
