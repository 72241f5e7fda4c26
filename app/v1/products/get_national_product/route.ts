/** POST /v1/products/get_national_product — order the raster or vector product for a nation (GET /v1/products/nations), delivered in the nation's CRS. 202 + status link. */
import { jsonBody } from '~/server/http/request';
import { acceptOrder, ORDER_SCOPES } from '~/server/http/order-routes';
import { withApiClient } from '~/server/http/with-api-client';
import { nationalProductBody } from '~/server/orders/order-request';

export const dynamic = 'force-dynamic';

export const POST = withApiClient({ scopes: ORDER_SCOPES }, async ({ req, deps, caller }) =>
  acceptOrder(deps, caller, req, 'get_national_product', await jsonBody(req, nationalProductBody)),
);
