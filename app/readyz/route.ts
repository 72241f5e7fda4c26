/** Readiness: PostgreSQL, PostGIS and Redis answer. 503 names the ones that do not. */
import { measured } from '~/server/metrics/http';
import { getAppDeps } from '~/server/deps';
import { checkReadiness } from '~/server/system/check-readiness';

export const dynamic = 'force-dynamic';

async function get() {
  const r = await checkReadiness(await getAppDeps());
  const failing = Object.entries(r.checks)
    .filter(([, c]) => !c.ok)
    .map(([name]) => name);
  return Response.json(
    { status: r.ok ? 'ok' : 'unavailable', ...(failing.length ? { failing } : {}), ...r.checks },
    { status: r.ok ? 200 : 503, headers: { 'cache-control': 'no-store' } },
  );
}

export const GET = measured('/readyz', get);
