/** Download tokens: bound to an order and a package, signed, expiring; tampering in any part is refused. */
import { describe, expect, it } from 'vitest';
import type { AppError } from '../errors';
import { signDownloadToken, verifyDownloadToken } from './download-token';
import { parseRange } from './serve-download';

const KEY = 'd'.repeat(40);
const claims = {
  orderId: '0b4f7f8e-3d0e-4a53-9a7c-1f2e3d4c5b6a',
  packageId: '9c1d2e3f-4a5b-4c6d-8e7f-001122334455',
  expiresAt: new Date('2026-12-04T10:00:00Z'),
};
const now = new Date('2026-11-27T10:00:00Z');
const codeOf = (f: () => unknown) => {
  try {
    f();
    return 'ok';
  } catch (e) {
    return `${(e as AppError).code}:${(e as AppError).reason}`;
  }
};

describe('download tokens', () => {
  it('round-trips the order, the package and the expiry (to the second)', () => {
    const token = signDownloadToken(KEY, claims);
    expect(verifyDownloadToken(KEY, token, now)).toEqual(claims);
  });

  it('refuses a changed order, package, expiry or signature, another key and garbage (404)', () => {
    const token = signDownloadToken(KEY, claims);
    const [o, p, e, s] = token.split('.') as [string, string, string, string];
    const variants = [
      [claims.packageId, p, e, s],
      [o, claims.orderId, e, s],
      [o, p, String(Number(e) + 86_400), s],
      [o, p, e, `${s.slice(0, -1)}${s.endsWith('A') ? 'B' : 'A'}`],
    ].map((v) => v.join('.'));
    for (const v of [...variants, 'x', '', `${token}.`, token.toUpperCase()]) {
      expect(codeOf(() => verifyDownloadToken(KEY, v, now))).toBe('NOT_FOUND:BAD_DOWNLOAD_TOKEN');
    }
    expect(codeOf(() => verifyDownloadToken('e'.repeat(40), token, now))).toBe('NOT_FOUND:BAD_DOWNLOAD_TOKEN');
  });

  it('answers 410 once expired', () => {
    const token = signDownloadToken(KEY, claims);
    expect(codeOf(() => verifyDownloadToken(KEY, token, new Date('2026-12-04T10:00:00Z')))).toBe('GONE:DOWNLOAD_EXPIRED');
  });
});

describe('HTTP ranges', () => {
  it('parses single ranges and refuses unsatisfiable ones', () => {
    expect(parseRange(null, 100)).toBeNull();
    expect(parseRange('bytes=0-9', 100)).toEqual({ start: 0, end: 9 });
    expect(parseRange('bytes=90-', 100)).toEqual({ start: 90, end: 99 });
    expect(parseRange('bytes=-10', 100)).toEqual({ start: 90, end: 99 });
    expect(parseRange('bytes=50-500', 100)).toEqual({ start: 50, end: 99 });
    expect(parseRange('bytes=100-', 100)).toBe('unsatisfiable');
    expect(parseRange('bytes=9-3', 100)).toBe('unsatisfiable');
    expect(parseRange('bytes=-0', 100)).toBe('unsatisfiable');
    // Multiple ranges or nonsense: ignored (the whole file), as RFC 9110 allows.
    expect(parseRange('bytes=0-1,5-6', 100)).toBeNull();
    expect(parseRange('items=0-1', 100)).toBeNull();
  });
});
