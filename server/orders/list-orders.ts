/**
 * `GET /v1/orders`: the caller's orders, newest first, filtered by service, status, unit and time, in pages of
 * `limit` with an opaque cursor (keyset paging on (received_at, id): a deep page costs what the first does). Admins
 * see every client's orders. The page's ids come from an index alone (orders_client_page_idx /
 * orders_page_idx hold the filter columns), then only those rows are read.
 */
import { sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '~/db/client';
import { AppError } from '../errors';
import { decodeCursor, encodeCursor, instantText, pageFields } from '../paging/keyset';
import { ORDER_STATUSES } from './order-status';

const statusList = z
  .string()
  .transform((s) => s.split(',').map((x) => x.trim().toUpperCase()))
  .pipe(z.array(z.enum(ORDER_STATUSES, { error: () => `one or more of ${ORDER_STATUSES.join(', ')}, comma-separated` })));

const instant = z.iso.datetime({ offset: true, error: 'an ISO 8601 date-time such as 2026-12-01T00:00:00Z' });

export const listOrdersQuery = z
  .object({
    service: z
      .string()
      .regex(/^[a-z][a-z0-9_]{0,63}$/, 'a service name such as get_product')
      .optional(),
    status: statusList.optional(),
    /** A production unit (10kmE480N280) or a sub-production unit (SPU_E477N279). */
    unit: z.string().min(1).max(64).optional(),
    since: instant.optional(),
    until: instant.optional(),
    ...pageFields({ max: 200, default: 50 }),
  })
  .strict();
export type ListOrdersQuery = z.infer<typeof listOrdersQuery>;

export type OrderListItem = {
  order_id: string;
  service: string;
  status: string;
  progress: number;
  unit: string | null;
  submitted_at: string;
  started_at: string | null;
  stopped_at: string | null;
  error: { code: string; message: string } | null;
  links: { status: string };
  /** With `detail`: the order's parameters and result. */
  params?: Record<string, unknown>;
  result?: unknown;
  /** With `detail`: the sub-production unit (the unit's, or the one the order names). */
  sub_production_unit?: string | null;
};

const orderCursor = z.tuple([instantText, z.uuid()]);

/** The unit's filter: its production unit, or for an SPU its units and the orders that name it. */
async function unitFilter(db: Database, code: string): Promise<SQL> {
  const rows = await db.execute<{ kind: 'pu' | 'spu'; id: number }>(sql`
    select 'pu' as kind, id from production_units where code = ${code}
    union all select 'spu', id from sub_production_units where code = ${code}`);
  const hit = rows[0];
  if (!hit)
    throw new AppError('VALIDATION', `unit: no production unit or sub-production unit ${code}`, { reason: 'UNKNOWN_UNIT' });
  if (hit.kind === 'pu') return sql`o.production_unit_id = ${hit.id}`;
  return sql`(o.production_unit_id in (select id from production_units where sub_production_unit_id = ${hit.id})
    or o.params ->> 'subproduction_unit_name' = ${code})`;
}

export async function listOrders(
  db: Database,
  viewer: { apiClientId: string; admin: boolean },
  q: ListOrdersQuery,
  opts: { detail?: boolean } = {},
): Promise<{ orders: OrderListItem[]; next_cursor: string | null }> {
  const where: SQL[] = [];
  if (!viewer.admin) where.push(sql`o.api_client_id = ${viewer.apiClientId}`);
  if (q.service) {
    const [s] = await db.execute<{ id: string }>(sql`select id from services where name = ${q.service}`);
    if (!s) throw new AppError('VALIDATION', `service: there is no service ${q.service}`, { reason: 'UNKNOWN_SERVICE' });
    where.push(sql`o.service_id = ${s.id}`);
  }
  if (q.status)
    where.push(
      sql`o.status in (${sql.join(
        q.status.map((s) => sql`${s}`),
        sql`, `,
      )})`,
    );
  if (q.unit) where.push(await unitFilter(db, q.unit));
  if (q.since) where.push(sql`o.received_at >= ${q.since}::timestamptz`);
  if (q.until) where.push(sql`o.received_at < ${q.until}::timestamptz`);
  if (q.cursor) {
    const [t, id] = decodeCursor(q.cursor, orderCursor);
    where.push(sql`(o.received_at, o.id) < (${t}::timestamptz, ${id}::uuid)`);
  }
  const filter = where.length ? sql`where ${sql.join(where, sql` and `)}` : sql``;
  const rows = await db.execute<{
    id: string;
    t: string;
    service: string;
    status: string;
    progress: number;
    unit: string | null;
    spu: string | null;
    received_at: string;
    started_at: string | null;
    stopped_at: string | null;
    error_code: string | null;
    error_message: string | null;
    params: Record<string, unknown> | null;
    result: unknown;
    spu_code: string | null;
  }>(sql`
    with page as (
      select o.id, o.received_at from orders o ${filter}
      order by o.received_at desc nulls last, o.id desc nulls last
      limit ${q.limit + 1}
    )
    select o.id, o.received_at::text as t, s.name as service, o.status, o.progress, pu.code as unit,
      o.params ->> 'subproduction_unit_name' as spu,
      o.received_at, o.started_at, o.stopped_at, o.error_code, o.error_message,
      ${
        opts.detail
          ? sql`o.params, o.result, coalesce(spu.code, o.params ->> 'subproduction_unit_name') as spu_code`
          : sql`null::jsonb as params, null::jsonb as result, null::text as spu_code`
      }
    from page join orders o on o.id = page.id join services s on s.id = o.service_id
      left join production_units pu on pu.id = o.production_unit_id
      ${opts.detail ? sql`left join sub_production_units spu on spu.id = pu.sub_production_unit_id` : sql``}
    order by page.received_at desc, page.id desc`);
  const more = rows.length > q.limit;
  const list = rows.slice(0, q.limit);
  const iso = (v: string | null) => (v === null ? null : new Date(v).toISOString());
  return {
    orders: list.map((r) => ({
      order_id: r.id,
      service: r.service,
      status: r.status,
      progress: Math.round(r.progress),
      unit: r.unit ?? r.spu,
      submitted_at: iso(r.received_at)!,
      started_at: iso(r.started_at),
      stopped_at: iso(r.stopped_at),
      error: r.error_code ? { code: r.error_code, message: r.error_message ?? '' } : null,
      links: { status: `/v1/services/order_status/${r.id}` },
      ...(opts.detail ? { params: r.params ?? {}, result: r.result, sub_production_unit: r.spu_code } : {}),
    })),
    next_cursor: more ? encodeCursor([list[list.length - 1]!.t, list[list.length - 1]!.id]) : null,
  };
}
