/** M3 GET /v1/crm/users/filter?first_name=&city=&… — customers matching every field given (admin). */
import { CUSTOMER_SCOPES, listCustomersRoute } from '~/server/http/customer-routes';
import { withApiClient } from '~/server/http/with-api-client';

export const dynamic = 'force-dynamic';

export const GET = withApiClient({ scopes: CUSTOMER_SCOPES }, listCustomersRoute);
