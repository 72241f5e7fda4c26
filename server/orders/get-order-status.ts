/**
 * An order as its owner sees it (legacy `GET /v1/services/order_status/{id}`): the reference's
 * `{order_id, status, result}` — `result` the download link once SUCCESS, else null — plus what the reference
 * lacked: progress, timestamps, the error a user can act on, and the package (name, size, SHA-256, expiry).
 * The download link is signed, bound to the order and its package, and expires with the package.
 */
import { eq, sql } from 'drizzle-orm';
import type { Database, DbOrTx } from '~/db/client';
import { orders, packages, services } from '~/db/schema';
import { signDownloadToken } from '../downloads/download-token';
import { orderIdOf, visibleTo, type OrderViewer } from './order-access';

export type OrderStatusView = {
  order_id: string;
  status: string;
  result: string | null;
  service: string;
  progress: number;
  area_km2: number | null;
  submitted_at: string;
  queued_at: string | null;
  started_at: string | null;
  stopped_at: string | null;
  error: { code: string; message: string } | null;
  package: { file_name: string; bytes: number; sha256: string; expires_at: string | null; expired: boolean } | null;
};

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/**
 * One round trip: the columns the view shows (never the AOI or the request, which can be megabytes), the service
 * name, and the package the result names. Prepared once per database client: the query is built once, and
 * PostgreSQL plans it once per connection.
 */
const statusFrom = (db: DbOrTx) =>
  db
    .select({
      id: orders.id,
      apiClientId: orders.apiClientId,
      status: orders.status,
      progress: orders.progress,
      areaKm2: orders.areaKm2,
      receivedAt: orders.receivedAt,
      queuedAt: orders.queuedAt,
      startedAt: orders.startedAt,
      stoppedAt: orders.stoppedAt,
      errorCode: orders.errorCode,
      errorMessage: orders.errorMessage,
      serviceName: services.name,
      pkg: {
        id: packages.id,
        fileName: packages.fileName,
        bytes: packages.bytes,
        sha256: packages.sha256,
        expiresAt: packages.expiresAt,
        deletedAt: packages.deletedAt,
      },
    })
    .from(orders)
    .innerJoin(services, eq(services.id, orders.serviceId))
    // The package of a finished order (result.package.packageId, written by the package task; a uuid).
    .leftJoin(
      packages,
      sql`${orders.status} = 'SUCCESS' and ${packages.id} = (${orders.result} #>> '{package,packageId}')::uuid`,
    );
const statusQuery = (db: Database) =>
  statusFrom(db)
    .where(eq(orders.id, sql.placeholder('id')))
    .prepare('order_status');
const prepared = new WeakMap<Database, ReturnType<typeof statusQuery>>();
type StatusRow = Awaited<ReturnType<ReturnType<typeof statusQuery>['execute']>>[number];

/** The view of a row; the download link only with `links` (it is signed, never stored). */
function toStatusView(o: StatusRow, links: { baseUrl: string; signingKey: string } | null, now: Date): OrderStatusView {
  let pkg: OrderStatusView['package'] = null;
  let link: string | null = null;
  const p = o.pkg;
  if (p) {
    const expired = !!p.deletedAt || (!!p.expiresAt && p.expiresAt <= now);
    pkg = { file_name: p.fileName, bytes: p.bytes, sha256: p.sha256, expires_at: iso(p.expiresAt), expired };
    if (links && !expired && p.expiresAt) {
      link = `${links.baseUrl}/downloads/${signDownloadToken(links.signingKey, { orderId: o.id, packageId: p.id, expiresAt: p.expiresAt })}`;
    }
  }
  return {
    order_id: o.id,
    status: o.status,
    result: link,
    service: o.serviceName,
    progress: Math.round(o.progress),
    area_km2: o.areaKm2 === null ? null : Math.round(o.areaKm2 * 100) / 100,
    submitted_at: o.receivedAt.toISOString(),
    queued_at: iso(o.queuedAt),
    started_at: iso(o.startedAt),
    stopped_at: iso(o.stoppedAt),
    error: o.errorCode ? { code: o.errorCode, message: o.errorMessage ?? '' } : null,
    package: pkg,
  };
}

/**
 * The view inside a transaction that has just changed the order (the snapshot a notification carries,
 * server/notifications/record-order-notifications.ts), without the download link: it is signed when sent.
 */
export async function readOrderStatusIn(tx: DbOrTx, orderId: string, now: Date): Promise<OrderStatusView | null> {
  const [row] = await statusFrom(tx).where(eq(orders.id, orderId));
  return row ? toStatusView(row, null, now) : null;
}

export async function getOrderStatus(
  deps: { db: Database; baseUrl: string; signingKey: string; now?: () => Date },
  viewer: OrderViewer,
  orderId: string,
): Promise<OrderStatusView> {
  let query = prepared.get(deps.db);
  if (!query) prepared.set(deps.db, (query = statusQuery(deps.db)));
  const [row] = await query.execute({ id: orderIdOf(orderId) });
  const o = visibleTo(viewer, orderId, row);
  return toStatusView(o, deps, deps.now?.() ?? new Date());
}
