/** GET /oauth/jwks — the public keys that verify our access tokens (active and recently retired). */
import { getAppDeps } from '~/server/deps';

export const dynamic = 'force-dynamic';

export async function GET() {
  const deps = await getAppDeps();
  const keys = await deps.keys.published();
  return Response.json(
    { keys },
    { headers: { 'cache-control': 'public, max-age=300', 'content-type': 'application/jwk-set+json' } },
  );
}
