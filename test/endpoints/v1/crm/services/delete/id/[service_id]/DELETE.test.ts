/** M13 DELETE /v1/crm/services/delete/id/{service_id}: the suite of crm/services/delete/delete-service-suite.ts, by id. */
import { DELETE } from '~/app/v1/crm/services/delete/id/[service_id]/route';
import { deleteServiceSuite } from '../../delete-service-suite';

deleteServiceSuite(DELETE, '/v1/crm/services/delete/id/{service_id}', (s) => ({
  path: `/v1/crm/services/delete/id/${s.service_id}`,
  params: { service_id: s.service_id },
}));
