/**
 * Cross-origin access to the public API (`/v1/*`, `/oauth/*`, `/downloads/*`) for browser portals: origins listed in
 * CORS_ORIGINS may call it; `*` lets any origin call it without credentials. The API authenticates with bearer
 * tokens, never cookies, so `Access-Control-Allow-Credentials` is never sent, with `*` or without. A preflight from
 * an origin not on the list is answered 403 with a problem saying so; the console's pages are same-origin and left
 * alone. Applied by the web server (scripts/web.ts) before Next.js sees the request.
 */
export type CorsPolicy = { any: boolean; origins: Set<string> };

const API_PATH = /^\/(v1|oauth|downloads)(\/|$)/;
const METHODS = 'GET, HEAD, POST, PUT, PATCH, DELETE';
const ALLOWED_HEADERS = new Set([
  'authorization',
  'content-type',
  'idempotency-key',
  'accept',
  'accept-language',
  'range',
  'if-none-match',
]);
const EXPOSED =
  'location, idempotent-replayed, x-request-id, retry-after, content-disposition, content-length, etag, accept-ranges, content-range';

/** CORS_ORIGINS: `*`, or origins like `https://portal.example.org`, comma-separated; empty: same origin only. */
export function parseCorsOrigins(value: string): CorsPolicy {
  const list = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const origins = new Set<string>();
  for (const o of list) {
    if (o === '*') continue;
    const u = new URL(o);
    if (u.origin !== o.replace(/\/$/, '')) throw new Error(`CORS_ORIGINS: ${o} is not an origin (scheme://host[:port])`);
    origins.add(u.origin);
  }
  return { any: list.includes('*'), origins };
}

export type CorsAnswer =
  /** Not a cross-origin API request: nothing to add. */
  | { kind: 'none' }
  /** A preflight: answer it here with this status and these headers. */
  | { kind: 'preflight'; status: 204 | 403; headers: Record<string, string>; detail?: string }
  /** A cross-origin request: add these headers to the response. */
  | { kind: 'headers'; headers: Record<string, string> };

export function corsFor(
  policy: CorsPolicy,
  req: { method: string; path: string; origin?: string; requestMethod?: string; requestHeaders?: string },
): CorsAnswer {
  if (!req.origin || !API_PATH.test(req.path)) return { kind: 'none' };
  const allowed = policy.any || policy.origins.has(req.origin);
  const allowOrigin = policy.any ? '*' : req.origin;
  const vary = { vary: 'Origin' };
  if (req.method === 'OPTIONS' && req.requestMethod) {
    if (!allowed)
      return {
        kind: 'preflight',
        status: 403,
        headers: vary,
        detail: `origin ${req.origin} may not call this API (CORS_ORIGINS)`,
      };
    const asked = (req.requestHeaders ?? '')
      .split(',')
      .map((h) => h.trim().toLowerCase())
      .filter((h) => ALLOWED_HEADERS.has(h));
    return {
      kind: 'preflight',
      status: 204,
      headers: {
        ...vary,
        'access-control-allow-origin': allowOrigin,
        'access-control-allow-methods': METHODS,
        ...(asked.length ? { 'access-control-allow-headers': asked.join(', ') } : {}),
        'access-control-max-age': '600',
      },
    };
  }
  if (!allowed) return { kind: 'headers', headers: vary };
  return {
    kind: 'headers',
    headers: { ...vary, 'access-control-allow-origin': allowOrigin, 'access-control-expose-headers': EXPOSED },
  };
}
