/** The answers of the OGC routes: JSON documents, never cached (jobs change), and a job's results. */
import type { AppDeps } from '../deps';
import { env } from '../env.js';
import { serveDownload } from '../downloads/serve-download';
import type { OrderViewer } from '../orders/order-access';
import { resultStorageFromEnv } from '../results/storage-from-env';
import type { JobResults } from './get-job-results';

export const ogcJson = (body: unknown, init: { status?: number; headers?: Record<string, string> } = {}) =>
  Response.json(body, { status: init.status ?? 200, headers: { 'cache-control': 'no-store', ...init.headers } });

/** The results document, or for `raw` the package itself (as /downloads serves it, with the caller's rights). */
export async function resultsResponse(
  deps: AppDeps,
  viewer: OrderViewer,
  req: Request,
  results: JobResults,
  headers: Record<string, string> = {},
): Promise<Response> {
  if (results.kind === 'document') return ogcJson(results.body, { headers });
  const res = await serveDownload(
    { db: deps.db, results: resultStorageFromEnv(), signingKey: env.DOWNLOAD_SIGNING_KEY },
    viewer,
    req,
    results.downloadToken,
  );
  for (const [k, v] of Object.entries(headers)) res.headers.set(k, v);
  return res;
}
