/**
 * Accepting an order (the legacy `/v1/products/*` endpoints and, later, OGC execution share it):
 * 1. the request is validated (zod, by the transport) and resolved here: product and year known, format allowed,
 *    the AOI parsed, repaired if trivially broken, measured in EPSG:3035 and within limits, and covered by the store
 *    (or the nation known and covered);
 * 2. the same `Idempotency-Key` from the same client returns the order it created (a different request with the
 *    same key is a 409);
 * 3. a client has at most ORDER_MAX_OPEN_PER_CLIENT open orders (429 + Retry-After), checked under a per-client
 *    advisory lock so parallel requests cannot overshoot;
 * 4. the order (RECEIVED) and its first event are inserted and dispatched (accept-orders.ts).
 * Nothing is written when any check fails.
 */
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Database } from '~/db/client';
import { orders, products, services, type OrderOgc } from '~/db/schema';
import type { Queues } from '~/server/queue/enqueue';
import { AppError } from '../errors';
import { findNation } from '../nations/find-nation';
import {
  acceptedColumns,
  checkIdempotencyKey,
  dispatchOrder,
  insertOrders,
  isIdempotencyRace,
  sameRequest,
  type AcceptedOrder,
} from './accept-orders';
import { checkAoi, productCovers } from './check-aoi';
import { FORMATS, type ProductKind } from './order-params';
import { parseAoi } from './parse-aoi';
import { roiArea } from '../rois/roi-area';
import type { NotificationSettings } from '../notifications/settings';

export type OrderService = 'get_product' | 'get_national_product' | 'get_product_europe';

export type OrderRequest = {
  product: ProductKind;
  productYear?: number;
  format?: string;
  aoi?: unknown;
  /** A saved ROI of the owner's customer, in place of `aoi`. */
  roiId?: string;
  nation?: string;
  /** Where the order's status events are also sent (docs/notifications.md). */
  callbackUrl?: string;
};

export type OrderConfig = {
  rasterProduct: string;
  vectorProduct: string;
  maxAreaKm2: number;
  maxPixels: number;
  maxOpenPerClient: number;
};

export type OwnerRef = { apiClientId: string };

async function resolveProduct(db: Database, cfg: OrderConfig, req: OrderRequest) {
  const code = req.product === 'raster' ? cfg.rasterProduct : cfg.vectorProduct;
  const rows = await db
    .select({ id: products.id, year: products.referenceYear, version: products.version })
    .from(products)
    .where(eq(products.code, code))
    .orderBy(products.referenceYear);
  if (!rows.length) {
    throw new AppError('NOT_FOUND', `product: no ${req.product} product is available yet`, { reason: 'UNKNOWN_PRODUCT' });
  }
  const chosen = req.productYear === undefined ? rows[rows.length - 1]! : rows.find((r) => r.year === req.productYear);
  if (!chosen) {
    throw new AppError(
      'NOT_FOUND',
      `product_year: there is no ${req.product} product for ${req.productYear}; available: ${rows.map((r) => r.year).join(', ')}`,
      { reason: 'UNKNOWN_PRODUCT_YEAR' },
    );
  }
  const formats: readonly string[] = FORMATS[req.product];
  const format = req.format ?? formats[0]!;
  const match = formats.find((f) => f.toLowerCase() === format.toLowerCase());
  if (!match) {
    throw new AppError(
      'VALIDATION',
      `format: a ${req.product} product is delivered as ${formats.join(' or ')}, not "${format}"`,
      {
        reason: 'UNKNOWN_FORMAT',
      },
    );
  }
  return { productId: chosen.id, productCode: code, year: chosen.year, version: chosen.version, format: match };
}

const notCovered = (what: string) =>
  new AppError('UNPROCESSABLE', `${what}: the product does not cover this area`, { reason: 'OUTSIDE_PRODUCT' });

/** Resolves what the client sent into the workflow's parameters (and the AOI columns of the order). */
async function resolveParams(db: Database, cfg: OrderConfig, service: OrderService, req: OrderRequest, owner: OwnerRef) {
  const p = await resolveProduct(db, cfg, req);
  const base = { product: req.product, productCode: p.productCode, year: p.year, version: p.version, format: p.format };
  if (service === 'get_product') {
    const area = req.roiId !== undefined ? await roiArea(db, owner.apiClientId, req.roiId) : req.aoi;
    if (area === undefined) throw new AppError('VALIDATION', 'aoi: required (WKT or GeoJSON polygon in EPSG:4326, or a bbox)');
    const checked = await checkAoi(db, parseAoi(area), { maxAreaKm2: cfg.maxAreaKm2, maxPixels: cfg.maxPixels });
    if (!(await productCovers(db, p.productId, checked.aoi))) throw notCovered('aoi');
    return { params: { ...base, aoi: checked.aoi }, aoi: checked.aoi, areaKm2: checked.areaKm2 };
  }
  if (service === 'get_national_product') {
    const name = (req.nation ?? '').trim();
    const nation = await findNation(db, name, { coveredBy: p.productId });
    if (!nation) {
      throw new AppError('NOT_FOUND', `nation: unknown nation "${name}"; GET /v1/products/nations lists them`, {
        reason: 'UNKNOWN_NATION',
      });
    }
    if (!nation.hasBoundary) throw new AppError('UNPROCESSABLE', `nation: no boundary is loaded for ${nation.name}`);
    if (!nation.covered) throw notCovered(`nation ${nation.name}`);
    return {
      params: { ...base, nation: nation.name },
      aoi: null,
      areaKm2: nation.areaKm2,
    };
  }
  return { params: base, aoi: null, areaKm2: null };
}

export async function createOrder(
  deps: { db: Database; queues: Queues; now?: () => Date; notifications?: NotificationSettings },
  cfg: OrderConfig,
  input: { service: OrderService; owner: OwnerRef; request: OrderRequest; idempotencyKey?: string; ogc?: OrderOgc },
): Promise<{ order: AcceptedOrder; created: boolean }> {
  const { db } = deps;
  const key = input.idempotencyKey;
  checkIdempotencyKey(key);
  const [service] = await db
    .select()
    .from(services)
    .where(and(eq(services.name, input.service), isNull(services.deletedAt)));
  if (!service) throw new AppError('UNAVAILABLE', `the service ${input.service} is not installed (run the seed)`);

  const replay = async () => {
    if (key === undefined) return null;
    const [o] = await db
      .select({ ...acceptedColumns, request: sql<unknown>`${orders.params} -> 'request'` })
      .from(orders)
      .where(and(eq(orders.apiClientId, input.owner.apiClientId), eq(orders.idempotencyKey, key)));
    if (!o) return null;
    if (o.serviceId !== service.id || !sameRequest(o.request, input.request)) {
      throw new AppError('CONFLICT', 'Idempotency-Key: this key was used for a different request', {
        reason: 'IDEMPOTENCY_KEY_REUSED',
      });
    }
    const { request: _request, ...accepted } = o;
    return accepted;
  };
  const earlier = await replay();
  if (earlier) return { order: earlier, created: false };

  const resolved = await resolveParams(db, cfg, input.service, input.request, input.owner);
  let order: AcceptedOrder;
  try {
    [order] = (await insertOrders(deps, {
      serviceId: service.id,
      apiClientId: input.owner.apiClientId,
      maxOpenPerClient: cfg.maxOpenPerClient,
      items: [
        {
          params: { ...resolved.params, request: input.request },
          aoi: resolved.aoi,
          areaKm2: resolved.areaKm2,
          idempotencyKey: key,
          callbackUrl: input.request.callbackUrl,
          ogc: input.ogc,
        },
      ],
    })) as [AcceptedOrder];
  } catch (e) {
    // Two requests with the same new key at once: the loser returns the winner's order.
    if (key !== undefined && isIdempotencyRace(e)) {
      const o = await replay();
      if (o) return { order: o, created: false };
    }
    throw e;
  }
  await dispatchOrder(deps, order.id, { kind: 'embedded', dagId: service.dagId });
  return { order, created: true };
}

export type { AcceptedOrder } from './accept-orders';
