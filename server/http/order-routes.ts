/**
 * The thin REST layer of orders, shared by the legacy routes: accept (202 with the reference's acceptance body,
 * plus `order_id` and a Location header), status, abort. Configuration comes from the environment here, once.
 */
import { env, publicUrl } from '../env.js';
import { createOrder, type OrderConfig, type OrderService } from '../orders/create-order';
import type { OrderRequest } from '../orders/create-order';
import type { Caller } from '../auth/verify-access-token';
import type { AppDeps } from '../deps';

export const orderConfig = (): OrderConfig => ({
  rasterProduct: env.RASTER_PRODUCT,
  vectorProduct: env.VECTOR_PRODUCT,
  maxAreaKm2: env.ORDER_MAX_AREA_KM2,
  maxPixels: env.ORDER_MAX_PIXELS,
  maxOpenPerClient: env.ORDER_MAX_OPEN_PER_CLIENT,
});

export const viewerOf = (caller: Caller) => ({ apiClientId: caller.apiClientId, admin: caller.scopes.includes('admin') });

export const statusDeps = (deps: AppDeps) => ({ db: deps.db, baseUrl: publicUrl(env), signingKey: env.DOWNLOAD_SIGNING_KEY });

/**
 * Any valid token may read and abort its own orders (every query is scoped to the owner; admins see all): a client
 * that may start only `harmonics` must still follow its orders. The reference asked for admin or user.
 */
export const STATUS_SCOPES: string[] = [];

/** Scopes that may order products (any one), as in the reference. */
export const ORDER_SCOPES = ['admin', 'user', 'get_product'];

export async function acceptOrder(deps: AppDeps, caller: Caller, req: Request, service: OrderService, request: OrderRequest) {
  const { order, created } = await createOrder(deps, orderConfig(), {
    service,
    owner: { apiClientId: caller.apiClientId },
    request,
    idempotencyKey: req.headers.get('idempotency-key') ?? undefined,
  });
  const href = `/v1/services/order_status/${order.id}`;
  return Response.json(
    {
      message: 'Your order has been successfully submitted',
      order_id: order.id,
      links: {
        href,
        rel: 'services',
        type: 'GET',
        ...(order.areaKm2 !== null ? { area: `${order.areaKm2.toFixed(2)} km2` } : {}),
      },
    },
    { status: 202, headers: { location: `${publicUrl(env)}${href}`, ...(created ? {} : { 'idempotent-replayed': 'true' }) } },
  );
}
