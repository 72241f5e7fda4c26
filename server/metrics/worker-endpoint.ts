/**
 * GET /metrics on the worker's health port (jobs/worker.ts): this process's metrics (jobs, order transitions,
 * Airflow calls, GDAL children, store reads, Node.js) and the scrape-time queue and disk gauges
 * (worker-scrape.ts). Access as for the web (access.ts): an allowed network or a token with the metrics scope.
 */
import type http from 'node:http';
import type { Registry } from 'prom-client';
import { isAppError } from '../errors';
import { verifyAccessToken, type VerifyDeps } from '../auth/verify-access-token';
import { parseBearer } from '../http/with-api-client';
import { authorizeScrape, type AllowFrom } from './access';
import { collectProcessMetrics, processRegistry } from './registry';

export type WorkerMetrics = { allowFrom: AllowFrom; verify: VerifyDeps; scrape: Registry };

export async function serveWorkerMetrics(req: http.IncomingMessage, res: http.ServerResponse, m: WorkerMetrics) {
  try {
    const authorization = req.headers.authorization ?? null;
    await authorizeScrape(
      {
        peer: req.socket.remoteAddress,
        authorization,
        proxied: req.headers['x-forwarded-for'] !== undefined || req.headers.forwarded !== undefined,
      },
      m.allowFrom,
      async (header) => verifyAccessToken(m.verify, parseBearer(header)),
    );
    collectProcessMetrics();
    const [own, scrape] = await Promise.all([processRegistry.metrics(), m.scrape.metrics()]);
    res.writeHead(200, { 'content-type': processRegistry.contentType, 'cache-control': 'no-store' });
    res.end(`${own.trimEnd()}\n${scrape}`);
  } catch (e) {
    const status = isAppError(e) ? e.status : 500;
    res.writeHead(status, {
      'content-type': 'text/plain; charset=utf-8',
      'cache-control': 'no-store',
      ...(isAppError(e) ? e.headers : {}),
    });
    res.end(status === 500 ? 'metrics unavailable\n' : `${isAppError(e) ? e.detail : ''}\n`);
  }
}
