/** POST /oauth/revoke — RFC 7009; 200 whatever the token, once the caller has authenticated. */
import { authenticateClient } from '../../../server/auth/authenticate-client';
import { OAuthError } from '../../../server/auth/oauth-error';
import { revokeToken } from '../../../server/auth/revoke-token';
import { verifyDepsOf } from '../../../server/auth/token-deps';
import { oauthRoute } from '../../../server/http/oauth-route';

export const dynamic = 'force-dynamic';

export const POST = oauthRoute(async ({ req, deps, form, endpoint, ip, requestId }) => {
  const { client } = await authenticateClient(deps.db, {
    form,
    authorization: req.headers.get('authorization'),
    audiences: [endpoint, deps.auth.issuer, `${deps.auth.issuer}/oauth/token`],
  });
  const token = form.get('token');
  if (!token) throw new OAuthError('invalid_request', 'the token parameter is required');
  const hint = form.get('token_type_hint');
  if (hint && hint !== 'access_token' && hint !== 'refresh_token') {
    throw new OAuthError('unsupported_token_type', 'only access tokens are issued here');
  }
  await revokeToken(verifyDepsOf(deps), client, token, { ip, requestId });
  return new Response(null, { status: 200, headers: { 'cache-control': 'no-store' } });
});
