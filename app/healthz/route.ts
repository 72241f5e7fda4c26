/** Liveness: the web process is up and answering. No dependency is checked (that is /readyz). */
export const dynamic = 'force-dynamic';

const startedAt = Date.now();

export function GET() {
  return Response.json(
    { status: 'ok', uptimeSeconds: Math.round((Date.now() - startedAt) / 1000) },
    { headers: { 'cache-control': 'no-store' } },
  );
}
