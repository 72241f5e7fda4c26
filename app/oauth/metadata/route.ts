/** Authorization server metadata (RFC 8414), also served at /.well-known/oauth-authorization-server. */
import { measured } from '~/server/metrics/http';
import { getAppDeps } from '~/server/deps';
import { GRANT_TYPES } from '~/server/auth/exchange-token';
import { listScopes } from '~/server/clients/list-scopes';

export const dynamic = 'force-dynamic';

async function get() {
  const deps = await getAppDeps();
  const iss = deps.auth.issuer;
  const known = (await listScopes(deps.db)).map((s) => s.name);
  const authMethods = ['client_secret_basic', 'client_secret_post', 'private_key_jwt'];
  const signingAlgs = ['RS256', 'PS256', 'ES256', 'EdDSA'];
  return Response.json(
    {
      issuer: iss,
      token_endpoint: `${iss}/oauth/token`,
      jwks_uri: `${iss}/oauth/jwks`,
      introspection_endpoint: `${iss}/oauth/introspect`,
      revocation_endpoint: `${iss}/oauth/revoke`,
      grant_types_supported: [...GRANT_TYPES],
      response_types_supported: [],
      scopes_supported: known,
      token_endpoint_auth_methods_supported: authMethods,
      token_endpoint_auth_signing_alg_values_supported: signingAlgs,
      introspection_endpoint_auth_methods_supported: authMethods,
      introspection_endpoint_auth_signing_alg_values_supported: signingAlgs,
      revocation_endpoint_auth_methods_supported: authMethods,
      revocation_endpoint_auth_signing_alg_values_supported: signingAlgs,
    },
    { headers: { 'cache-control': 'public, max-age=300' } },
  );
}

export const GET = measured('/oauth/metadata', get);
