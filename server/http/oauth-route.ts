/**
 * Wrapper for the OAuth endpoints: their errors use RFC 6749's JSON shape (OAuthError), not problem+json, and
 * responses are never cached. An outage is a 503 `temporarily_unavailable` naming the dependency in `reason`.
 */
import { getAppDeps, type AppDeps } from '../deps';
import { asUnavailable, logUnavailable } from '../dependency-failure';
import { isAppError } from '../errors';
import { OAuthError, oauthErrorResponse, NO_STORE } from '../auth/oauth-error';
import { createLogger } from '../logging/logger';
import { measureRequest } from '../metrics/http';
import { clientIpOf, formBody, requestIdOf } from './request';

const log = createLogger('oauth');

export type OAuthArgs = {
  req: Request;
  deps: AppDeps;
  form: Map<string, string>;
  ip: string;
  requestId: string;
  endpoint: string;
};

export function oauthRoute(handler: (args: OAuthArgs) => Promise<Response>) {
  return (req: Request): Promise<Response> => measureRequest(req.method, new URL(req.url).pathname, () => handle(req));
  async function handle(req: Request): Promise<Response> {
    const requestId = requestIdOf(req);
    try {
      const deps = await getAppDeps();
      const form = await formBody(req);
      const endpoint = `${deps.auth.issuer}${new URL(req.url).pathname}`;
      return await handler({ req, deps, form, ip: clientIpOf(req), requestId, endpoint });
    } catch (e) {
      if (e instanceof OAuthError) return oauthErrorResponse(e);
      const outage = asUnavailable(e);
      if (outage) {
        logUnavailable(log, outage, { requestId });
        return Response.json(
          { error: 'temporarily_unavailable', error_description: outage.detail, reason: outage.reason },
          { status: 503, headers: { ...NO_STORE, ...outage.headers } },
        );
      }
      if (isAppError(e) && e.status < 500) return oauthErrorResponse(new OAuthError('invalid_request', e.detail));
      log.error('oauth endpoint failed', { requestId, error: e });
      return Response.json(
        { error: 'server_error', error_description: `quote request id ${requestId}` },
        { status: 500, headers: NO_STORE },
      );
    }
  }
}

export const noStoreJson = (body: unknown, status = 200) => Response.json(body, { status, headers: NO_STORE });
