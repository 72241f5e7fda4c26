/**
 * `GET|HEAD /downloads/<token>`: a package, to the order's owner or an admin only.
 * - The token (download-token.ts) must be intact and unexpired (404 / 410), the order visible to the caller (404)
 *   and the package the order's, not deleted or expired (410).
 * - Local storage: the bytes with Content-Length, Content-Disposition, an ETag (the SHA-256), Last-Modified,
 *   Accept-Ranges, single-range requests (206, 416), If-None-Match (304) and If-Range — so a large package can
 *   be resumed (curl -C -, wget -c).
 *   (`x-body-length` becomes Content-Length in scripts/web.ts: Next.js drops a route's own Content-Length.)
 * - S3 storage: a redirect (302) to a presigned URL valid for five minutes.
 */
import { Readable } from 'node:stream';
import { eq } from 'drizzle-orm';
import type { Database } from '~/db/client';
import { packages } from '~/db/schema';
import { AppError } from '../errors';
import { findVisibleOrder, type OrderViewer } from '../orders/order-access';
import type { ResultStorage } from '../results/result-storage';
import { verifyDownloadToken } from './download-token';

const PRESIGN_SECONDS = 300;

/** Parses one `bytes=` range against a size; null when absent or not satisfiable-as-single (then the whole file). */
export function parseRange(header: string | null, size: number): { start: number; end: number } | 'unsatisfiable' | null {
  if (!header) return null;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return null; // malformed or multiple ranges: ignore (RFC 9110 allows it)
  let start: number;
  let end: number;
  if (m[1] === '') {
    const suffix = Number(m[2]);
    if (suffix === 0) return 'unsatisfiable';
    start = Math.max(0, size - suffix);
    end = size - 1;
  } else {
    start = Number(m[1]);
    end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
    if (start >= size || end < start) return 'unsatisfiable';
  }
  return { start, end };
}

export async function serveDownload(
  deps: { db: Database; results: ResultStorage; signingKey: string; now?: () => Date },
  viewer: OrderViewer,
  req: Request,
  token: string,
): Promise<Response> {
  const now = deps.now?.() ?? new Date();
  const claims = verifyDownloadToken(deps.signingKey, token, now);
  const order = await findVisibleOrder(deps.db, viewer, claims.orderId);
  const [pkg] = await deps.db.select().from(packages).where(eq(packages.id, claims.packageId));
  const ordered = order.result?.package?.packageId;
  if (!pkg || ordered !== pkg.id)
    throw new AppError('NOT_FOUND', 'this download link is not valid', { reason: 'BAD_DOWNLOAD_TOKEN' });
  if (pkg.deletedAt || (pkg.expiresAt && pkg.expiresAt <= now)) {
    throw new AppError('GONE', `the package ${pkg.fileName} has expired and was deleted; order the product again`, {
      reason: 'PACKAGE_EXPIRED',
    });
  }
  const disposition = `attachment; filename="${pkg.fileName}"`;
  if (deps.results.presignGet) {
    return new Response(null, {
      status: 302,
      headers: {
        location: await deps.results.presignGet(pkg.storageKey, PRESIGN_SECONDS, pkg.fileName),
        'cache-control': 'no-store',
      },
    });
  }
  const stat = await deps.results.stat(pkg.storageKey);
  if (!stat)
    throw new AppError('GONE', `the package ${pkg.fileName} is no longer stored; order the product again`, {
      reason: 'PACKAGE_EXPIRED',
    });
  const etag = `"${pkg.sha256}"`;
  const headers: Record<string, string> = {
    'content-type': 'application/zip',
    'content-disposition': disposition,
    etag,
    'last-modified': stat.modified.toUTCString(),
    'accept-ranges': 'bytes',
    'cache-control': 'private, no-cache',
    'x-checksum-sha256': pkg.sha256,
  };
  const inm = req.headers.get('if-none-match');
  if (inm && inm.split(',').some((t) => t.trim() === etag || t.trim() === '*'))
    return new Response(null, { status: 304, headers });
  const ifRange = req.headers.get('if-range');
  let range = parseRange(req.headers.get('range'), stat.bytes);
  if (ifRange && ifRange !== etag) range = null; // the file changed since the client's partial download: send it all
  if (range === 'unsatisfiable') {
    return new Response(null, { status: 416, headers: { ...headers, 'content-range': `bytes */${stat.bytes}` } });
  }
  const head = req.method === 'HEAD';
  if (range) {
    const length = range.end - range.start + 1;
    const body = head ? null : (Readable.toWeb(deps.results.read!(pkg.storageKey, range)) as ReadableStream);
    return new Response(body, {
      status: 206,
      headers: {
        ...headers,
        'x-body-length': String(length),
        'content-range': `bytes ${range.start}-${range.end}/${stat.bytes}`,
      },
    });
  }
  const body = head ? null : (Readable.toWeb(deps.results.read!(pkg.storageKey)) as ReadableStream);
  return new Response(body, { status: 200, headers: { ...headers, 'x-body-length': String(stat.bytes) } });
}
