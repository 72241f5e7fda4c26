/**
 * Download links: `/downloads/<token>`, token = `<orderId>.<packageId>.<expires>.<signature>`, the signature an
 * HMAC-SHA256 (DOWNLOAD_SIGNING_KEY) of the rest. Bound to one order and one package; expires with the package.
 * A token is checked in constant time; a tampered or expired one is refused before any lookup.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { AppError } from '../errors';

export type DownloadClaims = { orderId: string; packageId: string; expiresAt: Date };

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const TOKEN = new RegExp(`^(${UUID})\\.(${UUID})\\.(\\d{1,12})\\.([A-Za-z0-9_-]{43})$`);

const mac = (key: string, payload: string) => createHmac('sha256', key).update(`download:v1:${payload}`).digest('base64url');

export function signDownloadToken(key: string, c: DownloadClaims): string {
  const payload = `${c.orderId}.${c.packageId}.${Math.floor(c.expiresAt.getTime() / 1000)}`;
  return `${payload}.${mac(key, payload)}`;
}

export function verifyDownloadToken(key: string, token: string, now: Date): DownloadClaims {
  const m = TOKEN.exec(token);
  if (!m) throw new AppError('NOT_FOUND', 'this download link is not valid', { reason: 'BAD_DOWNLOAD_TOKEN' });
  const payload = `${m[1]}.${m[2]}.${m[3]}`;
  const expected = Buffer.from(mac(key, payload));
  const given = Buffer.from(m[4]!);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    throw new AppError('NOT_FOUND', 'this download link is not valid', { reason: 'BAD_DOWNLOAD_TOKEN' });
  }
  const expiresAt = new Date(Number(m[3]) * 1000);
  if (expiresAt <= now) {
    throw new AppError('GONE', `this download link expired at ${expiresAt.toISOString()}; order the product again`, {
      reason: 'DOWNLOAD_EXPIRED',
    });
  }
  return { orderId: m[1]!, packageId: m[2]!, expiresAt };
}
