/** M2 GET /v1/crm/users — customers not deleted, by name, in pages (admin). */
import { CUSTOMER_SCOPES, listCustomersRoute } from '~/server/http/customer-routes';
import { withApiClient } from '~/server/http/with-api-client';

export const dynamic = 'force-dynamic';

export const GET = withApiClient({ scopes: CUSTOMER_SCOPES }, listCustomersRoute);
