/**
 * GET /v1/webhooks/deliveries: the client's deliveries (webhook, callbacks, e-mail), newest first, each with its
 * attempts; optionally of one order. Keyset pages on (created_at, id); scoped to the owner, so another client's
 * order id simply finds nothing.
 */
import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '~/db/client';
import { notificationAttempts, notificationDeliveries } from '~/db/schema';
import { decodeCursor, encodeCursor, instantText } from '../paging/keyset';
import type { DeliveriesQuery } from './webhook-body';
import { messageIdOf } from './events';
import type { WebhookOwner } from './webhook-owner';

export type DeliveryView = {
  delivery_id: string;
  /** The `webhook-id` header: the same on every attempt. */
  message_id: string;
  channel: 'webhook' | 'callback' | 'email';
  event_type: string;
  order_id: string | null;
  destination: string;
  state: 'pending' | 'delivered' | 'failed';
  next_attempt_at: string | null;
  last_error: string | null;
  created_at: string;
  finished_at: string | null;
  attempts: {
    attempt: number;
    at: string;
    status_code: number | null;
    error: string | null;
    duration_ms: number;
    response: string | null;
  }[];
};

const cursorKey = z.tuple([instantText, z.uuid()]);
const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** The deliveries of these ids (in this order), with their attempts. */
export async function deliveryViews(db: Database, ids: string[]): Promise<DeliveryView[]> {
  if (!ids.length) return [];
  const [rows, attempts] = await Promise.all([
    db.select().from(notificationDeliveries).where(inArray(notificationDeliveries.id, ids)),
    db
      .select()
      .from(notificationAttempts)
      .where(inArray(notificationAttempts.deliveryId, ids))
      .orderBy(asc(notificationAttempts.attempt)),
  ]);
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids
    .map((id) => byId.get(id))
    .filter((d) => d !== undefined)
    .map((d) => ({
      delivery_id: d.id,
      message_id: messageIdOf(d.id),
      channel: d.channel,
      event_type: d.eventType,
      order_id: d.orderId,
      destination: d.destination,
      state: d.state,
      next_attempt_at: iso(d.nextAttemptAt),
      last_error: d.lastError,
      created_at: d.createdAt.toISOString(),
      finished_at: iso(d.finishedAt),
      attempts: attempts
        .filter((a) => a.deliveryId === d.id)
        .map((a) => ({
          attempt: a.attempt,
          at: a.at.toISOString(),
          status_code: a.statusCode,
          error: a.error,
          duration_ms: a.durationMs,
          response: a.response,
        })),
    }));
}

export async function listDeliveries(
  db: Database,
  owner: WebhookOwner,
  q: DeliveriesQuery,
): Promise<{ deliveries: DeliveryView[]; next_cursor: string | null }> {
  const t = notificationDeliveries;
  const where: SQL[] = [eq(t.apiClientId, owner.apiClientId)];
  if (q.order_id) where.push(eq(t.orderId, q.order_id.toLowerCase()));
  if (q.cursor) {
    const [at, id] = decodeCursor(q.cursor, cursorKey);
    where.push(sql`(${t.createdAt}, ${t.id}) < (${at}::timestamptz, ${id}::uuid)`);
  }
  const page = await db
    .select({ id: t.id, at: sql<string>`${t.createdAt}::text` })
    .from(t)
    .where(and(...where))
    .orderBy(desc(t.createdAt), desc(t.id))
    .limit(q.limit + 1);
  const more = page.length > q.limit;
  const rows = page.slice(0, q.limit);
  const last = rows[rows.length - 1];
  return {
    deliveries: await deliveryViews(
      db,
      rows.map((r) => r.id),
    ),
    next_cursor: more && last ? encodeCursor([last.at, last.id]) : null,
  };
}
