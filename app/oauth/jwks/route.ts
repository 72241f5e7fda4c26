/** GET /oauth/jwks — the public keys that verify our access tokens (active and recently retired). */
import { measured } from '~/server/metrics/http';
import { getAppDeps } from '~/server/deps';

export const dynamic = 'force-dynamic';

async function get() {
  const deps = await getAppDeps();
  const keys = await deps.keys.published();
  return Response.json(
    { keys },
    { headers: { 'cache-control': 'public, max-age=300', 'content-type': 'application/jwk-set+json' } },
  );
}

export const GET = measured('/oauth/jwks', get);
