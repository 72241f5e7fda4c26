/**
 * Web requests: duration by route template, method and status, and requests in flight. Measured once, in the
 * wrappers every REST handler goes through (server/http/with-api-client.ts, oauth-route.ts) and around the few
 * handlers that use none (health, readiness, JWKS, metadata). The duration ends when the handler returns its
 * Response: for a streamed download that is when the headers go out, not when the last byte does.
 */
import { gauge, histogram } from './registry';

export const httpRequestDuration = histogram({
  name: 'clcplus_http_request_duration_seconds',
  help: 'Time from the request reaching its route handler to the response (headers), by route template, method and status',
  labelNames: ['route', 'method', 'status'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
});

export const httpRequestsInFlight = gauge({
  name: 'clcplus_http_requests_in_flight',
  help: 'Requests being handled by route handlers right now',
});

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;

/**
 * The app/ route template of a request: each path segment that is a route parameter's value becomes `[name]`
 * (`/v1/services/order_status/5f…/abort` → `/v1/services/order_status/[order_id]/abort`). What is left are the
 * route's own static segments, so the label has as many values as there are route files, never an id.
 */
export function routeTemplate(pathname: string, params: Record<string, string>): string {
  const byValue = new Map<string, string>();
  for (const [name, value] of Object.entries(params)) if (value !== '') byValue.set(value, name);
  const segments = pathname.split('/');
  const out: string[] = [];
  for (let i = 0; i < segments.length; i++) {
    const seg = safeDecode(segments[i]!);
    const name = byValue.get(seg);
    if (name !== undefined) {
      out.push(`[${name}]`);
      continue;
    }
    // A catch-all parameter spans the rest of the path (its value is joined with '/').
    const rest = safeDecode(segments.slice(i).join('/'));
    const tail = byValue.get(rest);
    if (tail !== undefined) {
      out.push(`[...${tail}]`);
      break;
    }
    out.push(seg);
  }
  return out.join('/') || '/';
}

const safeDecode = (s: string) => {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
};

/** Measures one handled request; `route` is its template (routeTemplate). */
export async function measureRequest(method: string, route: string, handle: () => Promise<Response>): Promise<Response> {
  const m = (METHODS as readonly string[]).includes(method) ? method : 'other';
  const end = httpRequestDuration.startTimer({ route, method: m });
  httpRequestsInFlight.inc();
  try {
    const res = await handle();
    end({ status: String(res.status) });
    return res;
  } catch (e) {
    end({ status: '500' });
    throw e;
  } finally {
    httpRequestsInFlight.dec();
  }
}

type Handler<C> = (req: Request, ctx: C) => Promise<Response> | Response;

/** For a route handler without a wrapper of its own: `export const GET = measured('/healthz', () => …)`. */
export function measured<C>(route: string, handler: Handler<C>): (req: Request, ctx: C) => Promise<Response> {
  return (req, ctx) => measureRequest(req.method, route, async () => handler(req, ctx));
}
