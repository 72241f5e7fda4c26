/** Liveness: the web process is up and answering. No dependency is checked (that is /readyz). */
import { measured } from '~/server/metrics/http';
export const dynamic = 'force-dynamic';

const startedAt = Date.now();

function get() {
  return Response.json(
    { status: 'ok', uptimeSeconds: Math.round((Date.now() - startedAt) / 1000) },
    { headers: { 'cache-control': 'no-store' } },
  );
}

export const GET = measured('/healthz', get);
