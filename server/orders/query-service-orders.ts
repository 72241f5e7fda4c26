/**
 * M15 `GET /crm/services/order_query`: the orders of services per unit in the reference's shape and status names,
 * over the same owner-scoped keyset query as `GET /v1/orders` (list-orders.ts). The reference's statuses: Not started
 * (received or queued), In progress, Failed (here also INVALID), Finished; ABORTED orders show as "Aborted", which
 * the reference did not have. `processing_unit` and `subproduction_unit` filter by unit (the reference queried two
 * views and concatenated them); at most `limit` orders (default 200), with `next_cursor` for more.
 */
import { z } from 'zod';
import type { Database } from '~/db/client';
import { listOrders, listOrdersQuery, type OrderListItem } from './list-orders';

const STATUS_NAMES = {
  'Not started': 'RECEIVED,QUEUED',
  'In progress': 'RUNNING',
  Failed: 'FAILED,INVALID',
  Finished: 'SUCCESS',
} as const;

export const serviceOrderQuery = z
  .object({
    subproduction_unit: z.string().min(1).max(64).optional(),
    processing_unit: z.string().min(1).max(64).optional(),
    service_name: z.string().max(64).optional(),
    order_status: z
      .enum(Object.keys(STATUS_NAMES) as [keyof typeof STATUS_NAMES], {
        error: () => `one of ${Object.keys(STATUS_NAMES).join(', ')}`,
      })
      .optional(),
    limit: z.coerce.number().int().min(1).max(1000).default(200),
    cursor: z.string().max(200).optional(),
  })
  .strict()
  .refine((q) => !(q.subproduction_unit && q.processing_unit), {
    message: 'give processing_unit or subproduction_unit, not both',
    path: ['processing_unit'],
  });

const statusName = (s: string) =>
  s === 'RECEIVED' || s === 'QUEUED'
    ? 'Not started'
    : s === 'RUNNING'
      ? 'In progress'
      : s === 'SUCCESS'
        ? 'Finished'
        : s === 'ABORTED'
          ? 'Aborted'
          : 'Failed';

export async function queryServiceOrders(
  db: Database,
  viewer: { apiClientId: string; admin: boolean },
  raw: z.infer<typeof serviceOrderQuery>,
) {
  const q = listOrdersQuery.parse({
    ...(raw.service_name ? { service: raw.service_name } : {}),
    ...(raw.order_status ? { status: STATUS_NAMES[raw.order_status] } : {}),
    ...(raw.processing_unit || raw.subproduction_unit ? { unit: raw.processing_unit ?? raw.subproduction_unit } : {}),
    limit: Math.min(raw.limit, 200),
    ...(raw.cursor ? { cursor: raw.cursor } : {}),
  });
  const found: OrderListItem[] = [];
  let next: string | null = null;
  // Pages of 200 until `limit` orders (list-orders.ts pages at most 200).
  for (;;) {
    const page = await listOrders(
      db,
      viewer,
      { ...q, limit: Math.min(200, raw.limit - found.length), cursor: next ?? q.cursor },
      { detail: true },
    );
    found.push(...page.orders);
    next = page.next_cursor;
    if (!next || found.length >= raw.limit) break;
  }
  return {
    services: found.map((o) => ({
      subproduction_unit: o.sub_production_unit ?? null,
      processing_unit: o.unit && o.unit !== o.sub_production_unit ? o.unit : null,
      service_name: o.service,
      order_status: statusName(o.status),
      order_id: o.order_id,
      order_json: JSON.stringify(o.params ?? {}),
      order_result: o.result ?? null,
    })),
    next_cursor: next,
  };
}
