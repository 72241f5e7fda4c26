/** POST /oauth/token — RFC 6749 token endpoint (client_credentials, jwt-bearer). */
import { exchangeToken } from '~/server/auth/exchange-token';
import { exchangeDepsOf } from '~/server/auth/token-deps';
import { noStoreJson, oauthRoute } from '~/server/http/oauth-route';

export const dynamic = 'force-dynamic';

export const POST = oauthRoute(async ({ req, deps, form, ip, requestId, endpoint }) =>
  noStoreJson(
    await exchangeToken(exchangeDepsOf(deps), {
      form,
      authorization: req.headers.get('authorization'),
      ip,
      requestId,
      tokenEndpoint: endpoint,
    }),
  ),
);
