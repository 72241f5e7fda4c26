/**
 * `GET /ogc/jobs/{jobId}/results`:
 * - in progress → 404 result-not-ready; dismissed before it finished → 410 (it has none);
 * - failed → the failure as an exception: a request the engine found it cannot serve (INVALID, e.g. no data in the
 *   area) is 422 InvalidParameterValue, any other failure 500 NoApplicableCode, with the order's error message;
 * - successful → the results document (results-document.ts), or, for a job executed with `"response": "raw"`, the
 *   package itself (the one output of a product process), served as /downloads serves it (Range, ETag…);
 *   an expired package is 410.
 */
import type { Database } from '~/db/client';
import { AppError } from '../errors';
import { getOrderStatus } from '../orders/get-order-status';
import type { OrderViewer } from '../orders/order-access';
import { isFinal } from '../orders/order-status';
import { OGC_EXCEPTIONS } from './exceptions';
import { findJob } from './find-job';
import { processKind } from './process-description';
import { resultsDocument, type Results } from './results-document';

export type JobResults = { kind: 'document'; body: Results } | { kind: 'raw'; downloadToken: string };

export async function getJobResults(
  deps: { db: Database; baseUrl: string; signingKey: string; now?: () => Date },
  viewer: OrderViewer,
  jobId: string,
): Promise<JobResults> {
  const o = await findJob(deps.db, viewer, jobId);
  if (!isFinal(o.status)) {
    throw new AppError(
      'NOT_FOUND',
      `job ${o.id} is ${o.status === 'RUNNING' ? 'running' : 'accepted'}; its results are not ready`,
      {
        reason: 'RESULT_NOT_READY',
        type: OGC_EXCEPTIONS.resultNotReady,
      },
    );
  }
  const why = o.errorMessage ?? 'no reason was recorded';
  if (o.status === 'ABORTED') {
    throw new AppError('GONE', `job ${o.id} was dismissed before it finished; it has no results`, { reason: 'JOB_DISMISSED' });
  }
  if (o.status === 'INVALID') {
    throw new AppError('UNPROCESSABLE', `job ${o.id} could not be run: ${why}`, {
      reason: o.errorCode ?? 'INVALID',
      type: OGC_EXCEPTIONS.invalidParameterValue,
    });
  }
  if (o.status === 'FAILED') {
    throw new AppError('INTERNAL', `job ${o.id} failed: ${why}`, {
      reason: o.errorCode ?? 'FAILED',
      type: OGC_EXCEPTIONS.noApplicableCode,
    });
  }
  const kind = processKind(o.serviceName);
  const view = await getOrderStatus(deps, viewer, o.id);
  if (view.package && !view.result) {
    throw new AppError('GONE', `the package ${view.package.file_name} has expired and was deleted; execute the process again`, {
      reason: 'PACKAGE_EXPIRED',
    });
  }
  if (kind === 'product' && o.ogc?.response === 'raw' && view.result) {
    return { kind: 'raw', downloadToken: view.result.slice(view.result.lastIndexOf('/') + 1) };
  }
  return { kind: 'document', body: resultsDocument(kind, view, kind === 'production' ? o.result : null) };
}
