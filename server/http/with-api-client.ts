/**
 * The one guard for API routes: `export const GET = withApiClient({ scopes: ['admin'] }, async ({ caller }) => …)`.
 * It assigns a request id, authenticates the bearer token (verify-access-token.ts), checks the scopes (any one of
 * them), turns every thrown error into problem+json, and measures the request (server/metrics/http.ts). `withPublicRoute` does the same without authentication.
 */
import type { AppDeps } from '../deps';
import { getAppDeps } from '../deps';
import { AppError } from '../errors';
import { requireScope, verifyAccessToken, type Caller } from '../auth/verify-access-token';
import { verifyDepsOf } from '../auth/token-deps';
import { measureRequest, routeTemplate } from '../metrics/http';
import { problemResponse } from './problem';
import { assertStorableRequest, clientIpOf, requestIdOf } from './request';

type RouteContext = { params: Promise<Record<string, string | string[]>> };

export type PublicHandlerArgs = {
  req: Request;
  deps: AppDeps;
  requestId: string;
  ip: string;
  params: Record<string, string>;
};
export type ApiHandlerArgs = PublicHandlerArgs & { caller: Caller };

const withRequestId = (res: Response, requestId: string) => {
  if (!res.headers.has('x-request-id')) res.headers.set('x-request-id', requestId);
  return res;
};

async function base(req: Request, ctx: RouteContext | undefined) {
  const requestId = requestIdOf(req);
  const raw = (ctx ? await ctx.params : undefined) ?? {};
  const params = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v.join('/') : v]));
  return { req, requestId, ip: clientIpOf(req), params, instance: new URL(req.url).pathname };
}

export function withPublicRoute(handler: (args: PublicHandlerArgs) => Promise<Response>) {
  return async (req: Request, ctx?: RouteContext): Promise<Response> => {
    const b = await base(req, ctx);
    return measureRequest(req.method, routeTemplate(b.instance, b.params), async () => {
      try {
        assertStorableRequest(req, b.params);
        return withRequestId(await handler({ ...b, deps: await getAppDeps() }), b.requestId);
      } catch (e) {
        return problemResponse(e, b);
      }
    });
  };
}

/** Reads `Authorization: Bearer <token>` (scheme case-insensitive, RFC 6750 §2.1). */
export function bearerToken(req: Request): string {
  return parseBearer(req.headers.get('authorization'));
}

/** The token of an `Authorization: Bearer <token>` header value (also for plain node:http servers). */
export function parseBearer(header: string | null | undefined): string {
  if (!header) throw new AppError('UNAUTHORIZED', 'this endpoint needs an access token (Authorization: Bearer …)');
  const m = /^bearer +([A-Za-z0-9._~+/-]+=*)$/i.exec(header.trim());
  if (!m) throw new AppError('UNAUTHORIZED', 'the Authorization header is not a bearer token', { reason: 'invalid_request' });
  return m[1]!;
}

export function withApiClient(opts: { scopes: string[] }, handler: (args: ApiHandlerArgs) => Promise<Response>) {
  return async (req: Request, ctx?: RouteContext): Promise<Response> => {
    const b = await base(req, ctx);
    return measureRequest(req.method, routeTemplate(b.instance, b.params), async () => {
      try {
        assertStorableRequest(req, b.params);
        const deps = await getAppDeps();
        const caller = await verifyAccessToken(verifyDepsOf(deps), bearerToken(req));
        requireScope(caller, opts.scopes);
        return withRequestId(await handler({ ...b, deps, caller }), b.requestId);
      } catch (e) {
        return problemResponse(e, b);
      }
    });
  };
}
