/**
 * `GET /v1/logging`: log records newest first, filtered by order, service, level (and above) and time, in keyset
 * pages. Admins read every record; another client only the records of one of its own orders (`order_id` required).
 */
import { sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '~/db/client';
import { AppError } from '../errors';
import { decodeCursor, encodeCursor, instantText, pageFields } from '../paging/keyset';

const LEVELS = ['DEBUG', 'INFO', 'WARNING', 'ERROR'] as const;
const instant = z.iso.datetime({ offset: true, error: 'an ISO 8601 date-time such as 2026-12-01T00:00:00Z' });

export const listLogsQuery = z
  .object({
    order_id: z.uuid({ error: 'an order id' }).optional(),
    service: z.string().max(64).optional(),
    level: z
      .string()
      .transform((v) => v.toUpperCase())
      .pipe(z.enum(LEVELS, { error: () => `one of ${LEVELS.join(', ')} (that level and above)` }))
      .optional(),
    since: instant.optional(),
    until: instant.optional(),
    ...pageFields({ max: 1000, default: 100 }),
  })
  .strict();

export type LogView = {
  id: number;
  at: string;
  level: string;
  service: string;
  order_id: string | null;
  message: string;
  context: Record<string, unknown> | null;
};

export async function listLogs(
  db: Database,
  viewer: { apiClientId: string; admin: boolean },
  q: z.infer<typeof listLogsQuery>,
): Promise<{ logs: LogView[]; next_cursor: string | null }> {
  const where: SQL[] = [];
  if (!viewer.admin) {
    if (!q.order_id)
      throw new AppError('FORBIDDEN', 'order_id: give one of your orders (only admins read every log)', {
        reason: 'ORDER_REQUIRED',
      });
    const [o] = await db.execute<{ ok: boolean }>(
      sql`select api_client_id = ${viewer.apiClientId} as ok from orders where id = ${q.order_id}`,
    );
    if (!o?.ok) throw new AppError('NOT_FOUND', `order_id: there is no order ${q.order_id}`, { reason: 'UNKNOWN_ORDER' });
  }
  if (q.order_id) where.push(sql`order_id = ${q.order_id}`);
  if (q.service) where.push(sql`service = ${q.service}`);
  if (q.level)
    where.push(
      sql`level in (${sql.join(
        LEVELS.slice(LEVELS.indexOf(q.level)).map((l) => sql`${l}`),
        sql`, `,
      )})`,
    );
  if (q.since) where.push(sql`created_at >= ${q.since}::timestamptz`);
  if (q.until) where.push(sql`created_at < ${q.until}::timestamptz`);
  if (q.cursor) {
    const c = decodeCursor(q.cursor, z.tuple([instantText, z.number().int()]));
    where.push(sql`(created_at, id) < (${c[0]}::timestamptz, ${c[1]})`);
  }
  const rows = await db.execute<{
    id: number;
    t: string;
    at: string;
    level: string;
    service: string;
    order_id: string | null;
    message: string;
    context: Record<string, unknown> | null;
  }>(sql`
    select id, created_at::text as t, created_at as at, level, service, order_id, message, context from logs
    ${where.length ? sql`where ${sql.join(where, sql` and `)}` : sql``}
    order by created_at desc, id desc limit ${q.limit + 1}`);
  const more = rows.length > q.limit;
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  return {
    logs: page.map((r) => ({
      id: Number(r.id),
      at: new Date(r.at).toISOString(),
      level: r.level,
      service: r.service,
      order_id: r.order_id,
      message: r.message,
      context: r.context,
    })),
    next_cursor: more && last ? encodeCursor([last.t, Number(last.id)]) : null,
  };
}
