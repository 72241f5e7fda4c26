/**
 * An order as its owner sees it (legacy `GET /v1/services/order_status/{id}`): the reference's
 * `{order_id, status, result}` — `result` the download link once SUCCESS, else null — plus what the reference
 * lacked: progress, timestamps, the error a user can act on, and the package (name, size, SHA-256, expiry).
 * The download link is signed, bound to the order and its package, and expires with the package.
 */
import { eq } from 'drizzle-orm';
import type { Database } from '~/db/client';
import { packages } from '~/db/schema';
import { signDownloadToken } from '../downloads/download-token';
import { findVisibleOrder, type OrderViewer } from './order-access';

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

export async function getOrderStatus(
  deps: { db: Database; baseUrl: string; signingKey: string; now?: () => Date },
  viewer: OrderViewer,
  orderId: string,
): Promise<OrderStatusView> {
  const o = await findVisibleOrder(deps.db, viewer, orderId);
  const now = deps.now?.() ?? new Date();
  const packageId = (o.result?.package as { packageId?: string } | undefined)?.packageId;
  let pkg: OrderStatusView['package'] = null;
  let link: string | null = null;
  if (o.status === 'SUCCESS' && packageId) {
    const [p] = await deps.db.select().from(packages).where(eq(packages.id, packageId));
    if (p) {
      const expired = !!p.deletedAt || (!!p.expiresAt && p.expiresAt <= now);
      pkg = { file_name: p.fileName, bytes: p.bytes, sha256: p.sha256, expires_at: iso(p.expiresAt), expired };
      if (!expired && p.expiresAt) {
        link = `${deps.baseUrl}/downloads/${signDownloadToken(deps.signingKey, { orderId: o.id, packageId: p.id, expiresAt: p.expiresAt })}`;
      }
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
