/** M9 GET /v1/crm/services/id/{service_id}: the suite of crm/services/get-service-suite.ts, by id. */
import { GET } from '~/app/v1/crm/services/id/[service_id]/route';
import { getServiceSuite } from '../../get-service-suite';

getServiceSuite(GET, '/v1/crm/services/id/{service_id}', (s) => ({
  path: `/v1/crm/services/id/${s.service_id}`,
  params: { service_id: s.service_id },
}));
