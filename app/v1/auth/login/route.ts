/**
 * POST /v1/auth/login — legacy: `{email, password}` of a console user → `{access_token, expires_in, token_type,
 * scope, client_id}`. Never a client secret (the reference returned it to the browser). Rate-limited and audited.
 */
import { legacyLoginBody } from '~/server/clients/legacy-auth-bodies';
import { CONSOLE_CLIENT_ID, ROLE_SCOPES } from '~/server/auth/console-client';
import { issueAccessToken } from '~/server/auth/issue-access-token';
import { signInDepsOf } from '~/server/auth/token-deps';
import { jsonBody } from '~/server/http/request';
import { withPublicRoute } from '~/server/http/with-api-client';
import { authenticateUser } from '~/server/users/authenticate-user';

export const dynamic = 'force-dynamic';

export const POST = withPublicRoute(async ({ req, deps, ip, requestId }) => {
  const input = await jsonBody(req, legacyLoginBody);
  const user = await authenticateUser(signInDepsOf(deps), { ...input, ip, requestId, via: 'api' });
  const scope = ROLE_SCOPES[user.role];
  const token = await issueAccessToken(deps.keys, {
    issuer: deps.auth.issuer,
    audience: deps.auth.audience,
    clientId: CONSOLE_CLIENT_ID,
    subject: user.id,
    scope,
    ttlSeconds: deps.auth.tokenTtlSeconds,
  });
  return Response.json(
    {
      access_token: token.accessToken,
      expires_in: token.expiresIn,
      token_type: 'Bearer',
      scope: scope.join(' '),
      client_id: CONSOLE_CLIENT_ID,
    },
    { headers: { 'cache-control': 'no-store' } },
  );
});
