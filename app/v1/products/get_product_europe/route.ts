/** POST /v1/products/get_product_europe — order the raster or vector product for the whole of Europe (made once per store state, then reused). 202 + status link. */
import { jsonBody } from '~/server/http/request';
import { acceptOrder, ORDER_SCOPES } from '~/server/http/order-routes';
import { withApiClient } from '~/server/http/with-api-client';
import { europeProductBody } from '~/server/orders/order-request';

export const dynamic = 'force-dynamic';

export const POST = withApiClient({ scopes: ORDER_SCOPES }, async ({ req, deps, caller }) =>
  acceptOrder(deps, caller, req, 'get_product_europe', await jsonBody(req, europeProductBody)),
);
