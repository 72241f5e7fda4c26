/**
 * The common part of the introspection and revocation endpoints: the caller authenticates as a client (any of the
 * token endpoint's methods) and names a token.
 */
import { authenticateClient } from '../auth/authenticate-client';
import { OAuthError } from '../auth/oauth-error';
import type { OAuthArgs } from './oauth-route';

export async function clientTokenRequest({ req, deps, form, endpoint }: OAuthArgs) {
  const { client } = await authenticateClient(deps.db, {
    form,
    authorization: req.headers.get('authorization'),
    audiences: [endpoint, deps.auth.issuer, `${deps.auth.issuer}/oauth/token`],
  });
  const token = form.get('token');
  if (!token) throw new OAuthError('invalid_request', 'the token parameter is required');
  return { client, token };
}
