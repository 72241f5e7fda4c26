/** M14 DELETE /v1/crm/services/delete/name/{service_name}: the suite of crm/services/delete/delete-service-suite.ts, by name. */
import { DELETE } from '~/app/v1/crm/services/delete/name/[service_name]/route';
import { deleteServiceSuite } from '../../delete-service-suite';

deleteServiceSuite(DELETE, '/v1/crm/services/delete/name/{service_name}', (s) => ({
  path: `/v1/crm/services/delete/name/${s.service_name}`,
  params: { service_name: s.service_name },
}));
