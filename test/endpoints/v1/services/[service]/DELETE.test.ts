/** DELETE /v1/services/{service}: the suite of crm/services/delete/delete-service-suite.ts, by name. */
import { DELETE } from '~/app/v1/services/[service]/route';
import { deleteServiceSuite } from '../../crm/services/delete/delete-service-suite';

deleteServiceSuite(DELETE, '/v1/services/{service}', (s) => ({
  path: `/v1/services/${s.service_name}`,
  params: { service: s.service_name },
}));
