/**
 * Notifications of order events (docs/notifications.md): the webhook endpoint an API client registers (one per
 * client; its signing secret sealed, since we sign with it), and the outbox — one delivery per event and destination
 * (the client's webhook, the order's `callback_url`, the customer's e-mail), written in the status manager's
 * transaction so that none is lost — with every attempt to deliver it.
 */
import { sql } from 'drizzle-orm';
import { bigserial, check, index, integer, jsonb, pgEnum, pgTable, text, uniqueIndex, uuid, varchar } from 'drizzle-orm/pg-core';
import { createdAt, timestamps, tstz } from './_columns';
import { apiClients } from './auth';
import { orders } from './orders';

/** Where a delivery goes: the client's registered webhook, the order's own `callback_url`, or the customer's e-mail. */
export const notificationChannel = pgEnum('notification_channel', ['webhook', 'callback', 'email']);
/** `pending` until delivered (2xx, or the mail accepted) or given up (24 h of retries, 410 Gone, endpoint removed). */
export const notificationState = pgEnum('notification_state', ['pending', 'delivered', 'failed']);

export const webhookEndpoints = pgTable(
  'webhook_endpoints',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    apiClientId: uuid('api_client_id')
      .notNull()
      .references(() => apiClients.id, { onDelete: 'cascade' }),
    url: text('url').notNull(),
    /** The order event types sent to it (`order.running`, `order.succeeded`…); null: all of them. */
    events: text('events').array(),
    /** The signing secret (`whsec_…`) sealed with KEY_ENCRYPTION_KEY (server/auth/secret-box.ts). */
    secretSealed: text('secret_sealed').notNull(),
    /** After a rotation the old secret also signs (a second signature) until it expires, so receivers can switch. */
    previousSecretSealed: text('previous_secret_sealed'),
    previousSecretExpiresAt: tstz('previous_secret_expires_at'),
    /** Set when the endpoint answered 410 Gone; a PUT enables it again. */
    disabledAt: tstz('disabled_at'),
    disabledReason: text('disabled_reason'),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('webhook_endpoints_client_key').on(t.apiClientId),
    check('webhook_endpoints_url_check', sql`length(${t.url}) <= 2048`),
  ],
);

/** The body of a delivery as sent: `{type, timestamp, data}` (data: the order status at the event). */
/** `format: 'ogc'`: an OGC job's `subscriber` callback, sent as the OGC document (server/ogc/callback-body.ts). */
export type NotificationPayload = { type: string; timestamp: string; data: Record<string, unknown>; format?: 'ogc' };

export const notificationDeliveries = pgTable(
  'notification_deliveries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The owner: the order's client (the deliveries list is scoped by it). */
    apiClientId: uuid('api_client_id')
      .notNull()
      .references(() => apiClients.id, { onDelete: 'cascade' }),
    /** Null for a `ping` (POST /v1/webhooks/test). */
    orderId: uuid('order_id').references(() => orders.id, { onDelete: 'cascade' }),
    channel: notificationChannel('channel').notNull(),
    /** `order.running`, `order.succeeded`, `order.failed`, `order.invalid`, `order.aborted`, `ping`. */
    eventType: varchar('event_type', { length: 32 }).notNull(),
    /** The URL or e-mail address of the last attempt (a webhook delivery follows its endpoint's current URL). */
    destination: text('destination').notNull(),
    payload: jsonb('payload').$type<NotificationPayload>().notNull(),
    state: notificationState('state').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    /** When the next attempt is due (pending only). */
    nextAttemptAt: tstz('next_attempt_at'),
    /** A sender holds the delivery until then (at most one attempt at a time). */
    lockedUntil: tstz('locked_until'),
    firstAttemptAt: tstz('first_attempt_at'),
    lastError: text('last_error'),
    createdAt: createdAt(),
    finishedAt: tstz('finished_at'),
  },
  (t) => [
    // The deliveries list: a client's newest first (keyset on created_at, id), optionally of one order.
    index('notification_deliveries_client_created_idx').on(t.apiClientId, t.createdAt.desc(), t.id.desc()),
    index('notification_deliveries_order_created_idx').on(t.orderId, t.createdAt.desc(), t.id.desc()),
    // The sweep: pending deliveries by due time.
    index('notification_deliveries_due_idx')
      .on(t.nextAttemptAt)
      .where(sql`${t.state} = 'pending'`),
    check('notification_deliveries_pending_check', sql`(${t.state} = 'pending') = (${t.nextAttemptAt} IS NOT NULL)`),
    check('notification_deliveries_attempts_check', sql`${t.attempts} >= 0`),
  ],
);

/** Every attempt: the HTTP status (or SMTP reply code), or the network error; its duration; the answer's first 1 KB. */
export const notificationAttempts = pgTable(
  'notification_attempts',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    deliveryId: uuid('delivery_id')
      .notNull()
      .references(() => notificationDeliveries.id, { onDelete: 'cascade' }),
    attempt: integer('attempt').notNull(),
    at: tstz('at').notNull(),
    durationMs: integer('duration_ms').notNull(),
    statusCode: integer('status_code'),
    error: text('error'),
    response: text('response'),
  },
  (t) => [
    uniqueIndex('notification_attempts_delivery_attempt_key').on(t.deliveryId, t.attempt),
    check('notification_attempts_response_check', sql`length(${t.response}) <= 1024`),
  ],
);

export type WebhookEndpoint = typeof webhookEndpoints.$inferSelect;
export type NotificationDelivery = typeof notificationDeliveries.$inferSelect;
export type NotificationAttempt = typeof notificationAttempts.$inferSelect;
