/**
 * `GET /ogc/jobs` (conformance class job-list): the caller's jobs (admins: everyone's), newest first, dismissed ones
 * left out, filtered by `type` (only `process`: every job here is one), `processID`, `status`, `datetime` (an
 * instant or an interval over `created`, open ends `..` or empty), `minDuration`/`maxDuration` (seconds between
 * `started` and `finished`, or now for a running job; jobs that never started are left out then, and without a
 * `status` only running and finished jobs count). List parameters may repeat or be comma-separated. Pages of
 * `limit` (1–10000, default 10) with `next`/`prev` links: keyset paging on (created, id) as in list-orders.ts.
 */
import { and, desc, asc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '~/db/client';
import { orders, services } from '~/db/schema';
import type { OrderViewer } from '../orders/order-access';
import { decodeCursor, encodeCursor, instantText } from '../paging/keyset';
import { invalidParameter } from './exceptions';
import { JSON_TYPE, ogcBase, type Link } from './links';
import { OGC_STATUSES, orderStatusesOf, toStatusInfo } from './status-info';

const LIST = ['type', 'processID', 'status'] as const;
const SINGLE = ['datetime', 'minDuration', 'maxDuration', 'limit', 'cursor'] as const;

const rfc3339 = z.iso.datetime({ offset: true, error: 'an RFC 3339 date-time such as 2026-12-01T00:00:00Z' });
const openEnd = z.union([z.literal('..'), z.literal(''), rfc3339]);
const seconds = z.coerce.number().int('a whole number of seconds').min(0);

export const listJobsQuery = z
  .object({
    type: z.array(z.literal('process', { error: 'only "process" (every job here is a process job)' })).optional(),
    processID: z.array(z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, 'a process id such as get_product')).optional(),
    status: z.array(z.enum(OGC_STATUSES, { error: () => `one of ${OGC_STATUSES.join(', ')}` })).optional(),
    datetime: z
      .string()
      .transform((v) => (v.includes('/') ? v.split('/') : [v, v]))
      .pipe(z.tuple([openEnd, openEnd], { error: 'a date-time or an interval start/end (open ends: ..)' }))
      .refine(([a, b]) => (a !== '..' && a !== '' ? b === '..' || b === '' || Date.parse(a) <= Date.parse(b) : true), {
        message: 'the interval ends before it starts',
      })
      .optional(),
    minDuration: seconds.optional(),
    maxDuration: seconds.optional(),
    limit: z.coerce.number().int('a whole number').min(1).max(10_000).default(10),
    cursor: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,400}$/, 'the cursor of a next or prev link')
      .optional(),
  })
  .strict();
export type ListJobsQuery = z.infer<typeof listJobsQuery>;

/** The query string as the schema reads it: list parameters repeated or comma-separated, the others once. */
export function readListJobsQuery(url: URL): ListJobsQuery {
  const raw: Record<string, unknown> = {};
  for (const k of new Set(url.searchParams.keys())) {
    const values = url.searchParams.getAll(k);
    if ((LIST as readonly string[]).includes(k)) raw[k] = values.flatMap((v) => v.split(',').map((s) => s.trim()));
    else if ((SINGLE as readonly string[]).includes(k) && values.length > 1) throw invalidParameter(`${k}: give it once`);
    else raw[k] = values[0];
  }
  return listJobsQuery.parse(raw);
}

const cursorKey = z.tuple([z.enum(['next', 'prev']), instantText, z.uuid()]);

export async function listJobs(db: Database, viewer: OrderViewer, q: ListJobsQuery, now = new Date()) {
  const where: (SQL | undefined)[] = [isNull(orders.dismissedAt)];
  if (!viewer.admin) where.push(eq(orders.apiClientId, viewer.apiClientId));
  if (q.processID) where.push(inArray(services.name, q.processID));
  const wanted = q.status?.flatMap(orderStatusesOf);
  if (wanted) where.push(inArray(orders.status, wanted));
  if (q.datetime) {
    const [from, to] = q.datetime;
    // An instant matches the jobs created in it (to the millisecond a client can write).
    if (from === to) where.push(sql`date_trunc('milliseconds', ${orders.receivedAt}) = ${from}::timestamptz`);
    else if (from !== '..' && from !== '') where.push(sql`${orders.receivedAt} >= ${from}::timestamptz`);
    if (from !== to && to !== '..' && to !== '') where.push(sql`${orders.receivedAt} <= ${to}::timestamptz`);
  }
  if (q.minDuration !== undefined || q.maxDuration !== undefined) {
    const duration = sql`extract(epoch from (coalesce(${orders.stoppedAt}, ${now.toISOString()}::timestamptz) - ${orders.startedAt}))`;
    where.push(sql`${orders.startedAt} is not null`);
    if (!wanted) where.push(inArray(orders.status, ['RUNNING', 'SUCCESS', 'FAILED', 'INVALID', 'ABORTED']));
    if (q.minDuration !== undefined) where.push(sql`${duration} >= ${q.minDuration}`);
    if (q.maxDuration !== undefined) where.push(sql`${duration} <= ${q.maxDuration}`);
  }
  const [dir, t, id] = q.cursor ? decodeCursor(q.cursor, cursorKey) : ['next', undefined, undefined];
  if (t !== undefined) {
    where.push(
      dir === 'next'
        ? sql`(${orders.receivedAt}, ${orders.id}) < (${t}::timestamptz, ${id}::uuid)`
        : sql`(${orders.receivedAt}, ${orders.id}) > (${t}::timestamptz, ${id}::uuid)`,
    );
  }
  const order = dir === 'next' ? [desc(orders.receivedAt), desc(orders.id)] : [asc(orders.receivedAt), asc(orders.id)];
  const rows = await db
    .select({
      id: orders.id,
      serviceName: services.name,
      status: orders.status,
      progress: orders.progress,
      receivedAt: orders.receivedAt,
      startedAt: orders.startedAt,
      stoppedAt: orders.stoppedAt,
      updatedAt: orders.updatedAt,
      errorMessage: orders.errorMessage,
      t: sql<string>`${orders.receivedAt}::text`,
    })
    .from(orders)
    .innerJoin(services, eq(services.id, orders.serviceId))
    .where(and(...where))
    .orderBy(...order)
    .limit(q.limit + 1);
  const more = rows.length > q.limit;
  const page = rows.slice(0, q.limit);
  if (dir === 'prev') page.reverse();
  const hasNext = dir === 'next' ? more : true;
  const hasPrev = dir === 'prev' ? more : t !== undefined;

  const href = (cursor?: string) => {
    const p = new URLSearchParams();
    for (const k of LIST) if (q[k]) p.set(k, q[k].join(','));
    if (q.datetime) p.set('datetime', q.datetime.join('/'));
    if (q.minDuration !== undefined) p.set('minDuration', String(q.minDuration));
    if (q.maxDuration !== undefined) p.set('maxDuration', String(q.maxDuration));
    p.set('limit', String(q.limit));
    if (cursor) p.set('cursor', cursor);
    return `${ogcBase()}/jobs?${p}`;
  };
  const links: Link[] = [{ href: href(q.cursor), rel: 'self', type: JSON_TYPE, title: 'this document' }];
  if (page.length && hasNext) {
    const last = page.at(-1)!;
    links.push({ href: href(encodeCursor(['next', last.t, last.id])), rel: 'next', type: JSON_TYPE, title: 'older jobs' });
  }
  if (page.length && hasPrev) {
    const first = page[0]!;
    links.push({ href: href(encodeCursor(['prev', first.t, first.id])), rel: 'prev', type: JSON_TYPE, title: 'newer jobs' });
  }
  return { jobs: page.map(({ t: _t, ...row }) => toStatusInfo(row)), links };
}
