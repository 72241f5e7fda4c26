/** POST /oauth/introspect — RFC 7662; the caller authenticates as a client. */
import { introspectToken } from '~/server/auth/introspect-token';
import { verifyDepsOf } from '~/server/auth/token-deps';
import { clientTokenRequest } from '~/server/http/client-token-request';
import { noStoreJson, oauthRoute } from '~/server/http/oauth-route';

export const dynamic = 'force-dynamic';

export const POST = oauthRoute(async (args) => {
  const { client, token } = await clientTokenRequest(args);
  return noStoreJson(await introspectToken(verifyDepsOf(args.deps), client, token));
});
