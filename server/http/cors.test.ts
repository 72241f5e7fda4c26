/** The CORS policy: listed origins only, `*` without credentials ever, preflights answered, the console untouched. */
import { describe, expect, it } from 'vitest';
import { corsFor, parseCorsOrigins } from './cors';

const portal = 'https://portal.example.org';

describe('corsFor', () => {
  it('answers a listed origin’s preflight and marks its responses; never allows credentials', () => {
    const p = parseCorsOrigins(`${portal}, http://localhost:5173`);
    const pre = corsFor(p, {
      method: 'OPTIONS',
      path: '/v1/services/harmonics',
      origin: portal,
      requestMethod: 'POST',
      requestHeaders: 'Authorization, Content-Type, X-Evil',
    });
    expect(pre).toMatchObject({
      kind: 'preflight',
      status: 204,
      headers: {
        'access-control-allow-origin': portal,
        'access-control-allow-headers': 'authorization, content-type',
        vary: 'Origin',
      },
    });
    const get = corsFor(p, { method: 'GET', path: '/v1/orders', origin: 'http://localhost:5173' });
    expect(get).toMatchObject({ kind: 'headers', headers: { 'access-control-allow-origin': 'http://localhost:5173' } });
    for (const a of [pre, get]) expect(JSON.stringify(a)).not.toMatch(/allow-credentials/);
  });

  it('refuses other origins, leaves same-origin and console requests alone, and `*` is any origin without credentials', () => {
    const p = parseCorsOrigins(portal);
    expect(
      corsFor(p, { method: 'OPTIONS', path: '/oauth/token', origin: 'https://evil.example', requestMethod: 'POST' }),
    ).toMatchObject({
      kind: 'preflight',
      status: 403,
      detail: 'origin https://evil.example may not call this API (CORS_ORIGINS)',
    });
    expect(corsFor(p, { method: 'GET', path: '/v1/orders', origin: 'https://evil.example' })).toEqual({
      kind: 'headers',
      headers: { vary: 'Origin' },
    });
    expect(corsFor(p, { method: 'GET', path: '/v1/orders' })).toEqual({ kind: 'none' });
    expect(corsFor(p, { method: 'GET', path: '/orders', origin: portal })).toEqual({ kind: 'none' });
    const any = corsFor(parseCorsOrigins('*'), { method: 'GET', path: '/downloads/x', origin: 'https://a.example' });
    expect(any).toMatchObject({ headers: { 'access-control-allow-origin': '*' } });
    expect(
      corsFor(parseCorsOrigins(''), { method: 'OPTIONS', path: '/v1/x', origin: portal, requestMethod: 'GET' }),
    ).toMatchObject({
      status: 403,
    });
    expect(() => parseCorsOrigins('https://portal.example.org/path')).toThrow(/not an origin/);
  });
});
