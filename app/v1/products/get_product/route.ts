/** POST /v1/products/get_product — order the raster or vector product for an area of interest (WKT or GeoJSON polygon in EPSG:4326, or a bbox). 202 + status link. */
import { jsonBody } from '~/server/http/request';
import { acceptOrder, ORDER_SCOPES } from '~/server/http/order-routes';
import { withApiClient } from '~/server/http/with-api-client';
import { getProductBody } from '~/server/orders/order-request';

export const dynamic = 'force-dynamic';

export const POST = withApiClient({ scopes: ORDER_SCOPES }, async ({ req, deps, caller }) =>
  acceptOrder(deps, caller, req, 'get_product', await jsonBody(req, getProductBody)),
);
