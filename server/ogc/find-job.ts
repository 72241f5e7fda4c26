/**
 * The order behind an OGC job, for its owner or an admin (order-access.ts), unless the owner dismissed it: anything
 * else — another client's order, a malformed id, a dismissed job — is the same no-such-job exception.
 */
import type { DbOrTx } from '~/db/client';
import { AppError } from '../errors';
import { findVisibleOrder, type OrderSummary, type OrderViewer } from '../orders/order-access';
import { noSuchJob } from './exceptions';

export async function findJob(db: DbOrTx, viewer: OrderViewer, jobId: string): Promise<OrderSummary> {
  let o: OrderSummary;
  try {
    o = await findVisibleOrder(db, viewer, jobId);
  } catch (e) {
    if (e instanceof AppError && e.code === 'NOT_FOUND') throw noSuchJob(jobId);
    throw e;
  }
  if (o.dismissedAt) throw noSuchJob(jobId);
  return o;
}
