/**
 * POST /v1/auth/get_bearer_token — legacy token endpoint: `{user_id, client_secret}` → `{access_token, expires_in,
 * token_type, scope}`. A thin wrapper over the client_credentials grant (same checks, limits and audit); the token
 * is a one-hour JWT instead of the reference's 100-day opaque token, and `expires_in` is a number.
 */
import { legacyTokenBody } from '~/server/clients/legacy-auth-bodies';
import { exchangeToken } from '~/server/auth/exchange-token';
import { OAuthError } from '~/server/auth/oauth-error';
import { exchangeDepsOf } from '~/server/auth/token-deps';
import { AppError } from '~/server/errors';
import { jsonBody } from '~/server/http/request';
import { withPublicRoute } from '~/server/http/with-api-client';

export const dynamic = 'force-dynamic';

export const POST = withPublicRoute(async ({ req, deps, ip, requestId }) => {
  const { user_id, client_secret } = await jsonBody(req, legacyTokenBody);
  try {
    const token = await exchangeToken(exchangeDepsOf(deps), {
      form: new Map([
        ['grant_type', 'client_credentials'],
        ['client_id', user_id],
        ['client_secret', client_secret],
      ]),
      authorization: null,
      ip,
      requestId,
      tokenEndpoint: `${deps.auth.issuer}/oauth/token`,
    });
    return Response.json(token, { headers: { 'cache-control': 'no-store' } });
  } catch (e) {
    if (!(e instanceof OAuthError)) throw e;
    if (e.error === 'rate_limited') throw new AppError('RATE_LIMITED', e.description, { headers: e.headers });
    if (e.error === 'invalid_client')
      throw new AppError(
        'UNAUTHORIZED',
        'Submitted client is invalid: unknown user_id, wrong client_secret, or disabled client',
        { reason: 'invalid_client', headers: { 'www-authenticate': 'Bearer realm="clcplus"' } },
      );
    throw new AppError('VALIDATION', e.description, { reason: e.error });
  }
});
