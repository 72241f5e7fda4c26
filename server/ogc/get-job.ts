/** `GET /ogc/jobs/{jobId}`: the job's statusInfo — the order the legacy status endpoint shows, in OGC words. */
import type { Database } from '~/db/client';
import type { OrderViewer } from '../orders/order-access';
import { findJob } from './find-job';
import { toStatusInfo } from './status-info';

export async function getJob(db: Database, viewer: OrderViewer, jobId: string) {
  return toStatusInfo(await findJob(db, viewer, jobId));
}
