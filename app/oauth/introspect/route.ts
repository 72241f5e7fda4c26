/** POST /oauth/introspect — RFC 7662; the caller authenticates as a client. */
import { authenticateClient } from '../../../server/auth/authenticate-client';
import { introspectToken } from '../../../server/auth/introspect-token';
import { OAuthError } from '../../../server/auth/oauth-error';
import { verifyDepsOf } from '../../../server/auth/token-deps';
import { noStoreJson, oauthRoute } from '../../../server/http/oauth-route';

export const dynamic = 'force-dynamic';

export const POST = oauthRoute(async ({ req, deps, form, endpoint }) => {
  const { client } = await authenticateClient(deps.db, {
    form,
    authorization: req.headers.get('authorization'),
    audiences: [endpoint, deps.auth.issuer, `${deps.auth.issuer}/oauth/token`],
  });
  const token = form.get('token');
  if (!token) throw new OAuthError('invalid_request', 'the token parameter is required');
  return noStoreJson(await introspectToken(verifyDepsOf(deps), client, token));
});
