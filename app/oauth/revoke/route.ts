/** POST /oauth/revoke — RFC 7009; 200 whatever the token, once the caller has authenticated. */
import { OAuthError } from '~/server/auth/oauth-error';
import { revokeToken } from '~/server/auth/revoke-token';
import { verifyDepsOf } from '~/server/auth/token-deps';
import { clientTokenRequest } from '~/server/http/client-token-request';
import { oauthRoute } from '~/server/http/oauth-route';

export const dynamic = 'force-dynamic';

export const POST = oauthRoute(async (args) => {
  const { client, token } = await clientTokenRequest(args);
  const hint = args.form.get('token_type_hint');
  if (hint && hint !== 'access_token' && hint !== 'refresh_token') {
    throw new OAuthError('unsupported_token_type', 'only access tokens are issued here');
  }
  await revokeToken(verifyDepsOf(args.deps), client, token, { ip: args.ip, requestId: args.requestId });
  return new Response(null, { status: 200, headers: { 'cache-control': 'no-store' } });
});
