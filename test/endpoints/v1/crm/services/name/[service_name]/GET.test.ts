/** M10 GET /v1/crm/services/name/{service_name}: the suite of crm/services/get-service-suite.ts, by name. */
import { GET } from '~/app/v1/crm/services/name/[service_name]/route';
import { getServiceSuite } from '../../get-service-suite';

getServiceSuite(GET, '/v1/crm/services/name/{service_name}', (s) => ({
  path: `/v1/crm/services/name/${s.service_name}`,
  params: { service_name: s.service_name },
}));
