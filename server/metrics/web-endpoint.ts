/**
 * GET /metrics of the web (app/metrics/route.ts): the per-process metrics (summed over the web's processes,
 * cluster.ts) followed by the business gauges (business.ts, the same whichever process answers). Access: access.ts.
 */
import { getAppDeps, type AppDeps } from '../deps';
import { env } from '../env.js';
import { verifyAccessToken } from '../auth/verify-access-token';
import { verifyDepsOf } from '../auth/token-deps';
import { FORWARDED_HEADER, PEER_HEADER } from '../http/client-ip';
import { problemResponse } from '../http/problem';
import { requestIdOf } from '../http/request';
import { bearerToken } from '../http/with-api-client';
import { authorizeScrape, compileAllowFrom } from './access';
import { createBusinessRegistry } from './business';
import { processMetricsText } from './cluster';
import { collectProcessMetrics, processRegistry } from './registry';

let business: { deps: AppDeps; registry: ReturnType<typeof createBusinessRegistry> } | undefined;
const allowFrom = compileAllowFrom(env.METRICS_ALLOW_FROM);

export async function serveWebMetrics(req: Request): Promise<Response> {
  const requestId = requestIdOf(req);
  try {
    const deps = await getAppDeps();
    await authorizeScrape(
      {
        peer: req.headers.get(PEER_HEADER) ?? undefined,
        authorization: req.headers.get('authorization'),
        // Told by scripts/web.ts: Next.js adds X-Forwarded-For to every request a route sees.
        proxied: req.headers.get(FORWARDED_HEADER) === '1',
      },
      allowFrom,
      () => verifyAccessToken(verifyDepsOf(deps), bearerToken(req)),
    );
    collectProcessMetrics();
    if (business?.deps !== deps) {
      business = {
        deps,
        registry: createBusinessRegistry({
          db: deps.db,
          queues: deps.queues,
          signingKeyRotationDays: env.SIGNING_KEY_ROTATION_DAYS,
        }),
      };
    }
    const [own, biz] = await Promise.all([processMetricsText(), business.registry.metrics()]);
    return new Response(`${own.trimEnd()}\n${biz}`, {
      headers: { 'content-type': processRegistry.contentType, 'cache-control': 'no-store' },
    });
  } catch (e) {
    return problemResponse(e, { requestId, instance: new URL(req.url).pathname });
  }
}
