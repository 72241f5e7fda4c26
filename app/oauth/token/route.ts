/** POST /oauth/token — RFC 6749 token endpoint (client_credentials, jwt-bearer). */
import { exchangeToken } from '../../../server/auth/exchange-token';
import { env } from '../../../server/env.js';
import { noStoreJson, oauthRoute } from '../../../server/http/oauth-route';

export const dynamic = 'force-dynamic';

export const POST = oauthRoute(async ({ req, deps, form, ip, requestId, endpoint }) =>
  noStoreJson(
    await exchangeToken(
      {
        db: deps.db,
        redis: deps.redis,
        keys: deps.keys,
        issuer: deps.auth.issuer,
        audience: deps.auth.audience,
        tokenTtlSeconds: deps.auth.tokenTtlSeconds,
        limits: { perClientPerMinute: env.RATE_LIMIT_TOKEN_PER_CLIENT, perIpPerMinute: env.RATE_LIMIT_TOKEN_PER_IP },
      },
      { form, authorization: req.headers.get('authorization'), ip, requestId, tokenEndpoint: endpoint },
    ),
  ),
);
