/**
 * An order as an OGC job (statusInfo): the order's status in OGC words, its times and progress, and links to itself,
 * its results once successful and the same order in the legacy API. One mapping for the job, the job list, the
 * execution answer, dismiss and the `subscriber` callbacks.
 */
import type { OrderStatus } from '../orders/order-status';
import { JSON_TYPE, ogcBase, REL, type Link } from './links';

export const OGC_STATUSES = ['accepted', 'running', 'successful', 'failed', 'dismissed'] as const;
export type OgcStatus = (typeof OGC_STATUSES)[number];

export const OGC_STATUS_OF: Record<OrderStatus, OgcStatus> = {
  RECEIVED: 'accepted',
  QUEUED: 'accepted',
  RUNNING: 'running',
  SUCCESS: 'successful',
  FAILED: 'failed',
  INVALID: 'failed',
  ABORTED: 'dismissed',
};

/** The order statuses an OGC status stands for (job list filter). */
export const orderStatusesOf = (s: OgcStatus) =>
  (Object.keys(OGC_STATUS_OF) as OrderStatus[]).filter((o) => OGC_STATUS_OF[o] === s);

/** What a statusInfo is made from: a row of orders (with its service's name). */
export type JobRow = {
  id: string;
  serviceName: string;
  status: OrderStatus;
  progress: number;
  receivedAt: Date;
  startedAt: Date | null;
  stoppedAt: Date | null;
  updatedAt: Date;
  errorMessage: string | null;
};

const MESSAGES: Record<OrderStatus, string> = {
  RECEIVED: 'received',
  QUEUED: 'queued',
  RUNNING: 'running',
  SUCCESS: 'finished; the results are ready',
  FAILED: 'failed',
  INVALID: 'not run: the request cannot be served',
  ABORTED: 'dismissed',
};

export type StatusInfo = {
  type: 'process';
  jobID: string;
  processID: string;
  status: OgcStatus;
  message: string;
  created: string;
  started?: string;
  finished?: string;
  updated: string;
  progress: number;
  links: Link[];
};

export function toStatusInfo(o: JobRow, opts: { status?: OgcStatus } = {}): StatusInfo {
  const href = `${ogcBase()}/jobs/${o.id}`;
  const status = opts.status ?? OGC_STATUS_OF[o.status];
  const links: Link[] = [{ href, rel: 'self', type: JSON_TYPE, title: 'job status' }];
  if (o.status === 'SUCCESS') links.push({ href: `${href}/results`, rel: REL.results, type: JSON_TYPE, title: 'job results' });
  links.push({
    href: `${ogcBase().replace(/\/ogc$/, '')}/v1/services/order_status/${o.id}`,
    rel: 'related',
    type: JSON_TYPE,
    title: 'the same order in the legacy API',
  });
  return {
    type: 'process',
    jobID: o.id,
    processID: o.serviceName,
    status,
    message: o.errorMessage && status === 'failed' ? `${MESSAGES[o.status]}: ${o.errorMessage}` : MESSAGES[o.status],
    created: o.receivedAt.toISOString(),
    ...(o.startedAt ? { started: o.startedAt.toISOString() } : {}),
    ...(o.stoppedAt ? { finished: o.stoppedAt.toISOString() } : {}),
    updated: o.updatedAt.toISOString(),
    progress: Math.max(0, Math.min(100, Math.round(o.progress))),
    links,
  };
}
