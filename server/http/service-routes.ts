/**
 * The thin REST layer of the production services: `POST /v1/services/{service}` starts one (start-service.ts) and
 * answers 202 with the reference's acceptance body — one order — or, for a list of units, one entry per order.
 * Product services keep their own routes (`/v1/products/*`); the generic route serves them too, with their bodies.
 */
import { env, publicUrl } from '../env.js';
import type { Caller } from '../auth/verify-access-token';
import type { AppDeps } from '../deps';
import { serviceDefinition } from '../services/catalogue';
import { startService } from '../services/start-service';
import { parseSourceRoots } from '../storage/source-path';
import { airflowConnectionReady } from '../airflow/connection-ready';
import { acceptOrder } from './order-routes';
import { jsonBody } from './request';
import type { OrderService } from '../orders/create-order';
import type { OrderRequest } from '../orders/create-order';
import { z } from 'zod';

const statusLink = (id: string) => ({ href: `/v1/services/order_status/${id}`, rel: 'services', type: 'GET' });

export async function startServiceRoute(deps: AppDeps, caller: Caller, req: Request, name: string) {
  const def = serviceDefinition(name);
  if (def?.route) {
    // A product service through the generic route: its own body and checks.
    return acceptOrder(deps, caller, req, def.name as OrderService, (await jsonBody(req, def.params)) as OrderRequest);
  }
  const body = await jsonBody(req, z.unknown());
  const { orders, created } = await startService(
    { ...deps, airflowConnectionReady: airflowConnectionReady(deps.db) },
    { maxOpenPerClient: env.ORDER_MAX_OPEN_PER_CLIENT, sourceRoots: parseSourceRoots(env.SOURCE_ROOTS) },
    { service: name, caller, body, idempotencyKey: req.headers.get('idempotency-key') ?? undefined },
  );
  const replayed: Record<string, string> = created ? {} : { 'idempotent-replayed': 'true' };
  if (orders.length === 1) {
    const o = orders[0]!;
    return Response.json(
      { message: 'Your order has been successfully submitted', order_id: o.id, links: statusLink(o.id) },
      { status: 202, headers: { location: `${publicUrl(env)}${statusLink(o.id).href}`, ...replayed } },
    );
  }
  return Response.json(
    {
      message: `Your ${orders.length} orders have been successfully submitted, one per unit`,
      orders: orders.map((o) => ({ order_id: o.id, unit: o.unit, links: statusLink(o.id) })),
    },
    { status: 202, headers: replayed },
  );
}
