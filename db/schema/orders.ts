/**
 * Orders (one run of a service for a client or an operator), their event history, and the packages they produce.
 * The status manager is the only writer of `status` and the lifecycle timestamps; the checks below keep the row
 * consistent whatever writes it.
 */
import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  check,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  real,
  text,
  uniqueIndex,
  uuid,
  varchar,
} from 'drizzle-orm/pg-core';
import { multiPolygon4326 } from './_postgis';
import { createdAt, tstz } from './_columns';
import { apiClients } from './auth';
import { orderStatus } from './enums';
import { productionUnits } from './production';
import { services } from './services';
import { users } from './users';

/** The package an order delivered (a row of `packages`), as its workflow's `package` task returns it. */
export type OrderPackage = { packageId: string; fileName: string; bytes: number; sha256: string; expiresAt: string };

/**
 * How an order was asked for through OGC API – Processes (`POST /ogc/processes/{id}/execution`, server/ogc/): the
 * results form it prefers (`raw`: the package itself) and its `subscriber` callbacks, sent by the notification
 * outbox like `callback_url` (signed with the client's webhook secret, checked by the same SSRF guard).
 */
export type OrderOgc = {
  response?: 'document' | 'raw';
  subscriber?: { successUri?: string; inProgressUri?: string; failedUri?: string };
};

/**
 * `orders.result` of a finished order: the results of its workflow's tasks by task id, as the engine stores them on
 * SUCCESS (small: paths, digests). The product workflows' `package` task gives the package; the download link is
 * never stored (it is signed when the status is read).
 */
export type OrderResult = { package?: OrderPackage; [task: string]: unknown };

export const orders = pgTable(
  'orders',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    serviceId: uuid('service_id')
      .notNull()
      .references(() => services.id, { onDelete: 'restrict' }),
    /** Owner: an API client, or a console user (operator-started services); neither for system-started runs. */
    apiClientId: uuid('api_client_id').references(() => apiClients.id, { onDelete: 'cascade' }),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
    status: orderStatus('status').notNull().default('RECEIVED'),
    params: jsonb('params').$type<Record<string, unknown>>().notNull(),
    aoi: multiPolygon4326('aoi'),
    /** AOI area measured in EPSG:3035 (equal-area). */
    areaKm2: doublePrecision('area_km2'),
    /** Production unit the order works on, for production services. */
    productionUnitId: integer('production_unit_id').references(() => productionUnits.id, { onDelete: 'set null' }),
    /** Where the order's status events are also sent, signed (docs/notifications.md); checked when accepted. */
    callbackUrl: text('callback_url'),
    /** Set for orders placed as OGC jobs (OrderOgc); null for the legacy routes. */
    ogc: jsonb('ogc').$type<OrderOgc>(),
    /**
     * When the owner dismissed the finished job (`DELETE /ogc/jobs/{id}`): it is gone from /ogc/jobs, while the order
     * itself stays (legacy status, console, audit) and its package expires as usual.
     */
    dismissedAt: tstz('dismissed_at'),
    /** Client-chosen key; the same key from the same client returns the same order. */
    idempotencyKey: varchar('idempotency_key', { length: 128 }),
    /** 0–100, aggregated from the tasks. */
    progress: real('progress').notNull().default(0),
    result: jsonb('result').$type<OrderResult>(),
    errorCode: varchar('error_code', { length: 64 }),
    errorMessage: text('error_message'),
    receivedAt: tstz('received_at').notNull().defaultNow(),
    queuedAt: tstz('queued_at'),
    startedAt: tstz('started_at'),
    stoppedAt: tstz('stopped_at'),
    updatedAt: tstz('updated_at').notNull().defaultNow(),
    /** The reconciler resolves an order still not final after this instant from the engine's truth. */
    deadlineAt: tstz('deadline_at'),
  },
  (t) => [
    // Order lists (server/orders/list-orders.ts): newest first with the id as tie-break, so a page's ids come from an
    // index alone, per client (with or without a status or service) and for admins.
    index('orders_client_status_received_idx').on(t.apiClientId, t.status, t.receivedAt.desc(), t.id.desc()),
    index('orders_client_received_idx').on(t.apiClientId, t.receivedAt.desc(), t.id.desc()),
    index('orders_client_service_received_idx').on(t.apiClientId, t.serviceId, t.receivedAt.desc(), t.id.desc()),
    index('orders_user_received_idx').on(t.userId, t.receivedAt.desc()),
    index('orders_received_idx').on(t.receivedAt.desc(), t.id.desc()),
    index('orders_status_received_idx').on(t.status, t.receivedAt.desc(), t.id.desc()),
    index('orders_service_received_idx').on(t.serviceId, t.receivedAt.desc(), t.id.desc()),
    index('orders_unit_idx').on(t.productionUnitId),
    index('orders_open_deadline_idx')
      .on(t.deadlineAt)
      .where(sql`${t.status} IN ('RECEIVED', 'QUEUED', 'RUNNING')`),
    index('orders_aoi_idx').using('gist', t.aoi),
    uniqueIndex('orders_client_idempotency_key').on(t.apiClientId, t.idempotencyKey),
    check('orders_owner_check', sql`num_nonnulls(${t.apiClientId}, ${t.userId}) <= 1`),
    check('orders_progress_check', sql`${t.progress} >= 0 AND ${t.progress} <= 100`),
    check('orders_area_check', sql`${t.areaKm2} IS NULL OR ${t.areaKm2} >= 0`),
    check(
      'orders_final_stopped_check',
      sql`(${t.status} IN ('SUCCESS', 'FAILED', 'INVALID', 'ABORTED')) = (${t.stoppedAt} IS NOT NULL)`,
    ),
    check(
      'orders_error_check',
      sql`${t.status} NOT IN ('FAILED', 'INVALID') OR (${t.errorCode} IS NOT NULL AND ${t.errorMessage} IS NOT NULL)`,
    ),
    check('orders_success_result_check', sql`${t.status} <> 'SUCCESS' OR ${t.result} IS NOT NULL`),
    check(
      'orders_times_check',
      sql`(${t.startedAt} IS NULL OR ${t.startedAt} >= ${t.receivedAt}) AND (${t.stoppedAt} IS NULL OR ${t.stoppedAt} >= ${t.receivedAt})`,
    ),
  ],
);

/** Every status change of an order (and notable progress), in order; written with the order row. */
export const orderEvents = pgTable(
  'order_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    orderId: uuid('order_id')
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    fromStatus: orderStatus('from_status'),
    toStatus: orderStatus('to_status').notNull(),
    progress: real('progress'),
    message: text('message'),
    /** Who caused it: `api`, `worker`, `reconciler`, `user:<id>`… */
    source: varchar('source', { length: 64 }).notNull(),
    data: jsonb('data').$type<Record<string, unknown>>(),
    at: createdAt(),
  },
  (t) => [index('order_events_order_at_idx').on(t.orderId, t.at)],
);

/**
 * Packages produced by orders (zip files in the results storage). A Europe package is reused by later orders
 * through its `reuseKey`. The retention job deletes expired files and sets `deletedAt`.
 */
export const packages = pgTable(
  'packages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orderId: uuid('order_id').references(() => orders.id, { onDelete: 'set null' }),
    /** e.g. `europe:clcplus_raster:2021:gtiff`; unique among live packages. */
    reuseKey: varchar('reuse_key', { length: 256 }),
    fileName: varchar('file_name', { length: 256 }).notNull(),
    storageKey: text('storage_key').notNull(),
    bytes: bigint('bytes', { mode: 'number' }).notNull(),
    sha256: varchar('sha256', { length: 64 }).notNull(),
    createdAt: createdAt(),
    expiresAt: tstz('expires_at'),
    deletedAt: tstz('deleted_at'),
  },
  (t) => [
    index('packages_order_idx').on(t.orderId),
    index('packages_live_expires_idx')
      .on(t.expiresAt)
      .where(sql`${t.deletedAt} IS NULL`),
    uniqueIndex('packages_live_reuse_key')
      .on(t.reuseKey)
      .where(sql`${t.deletedAt} IS NULL`),
    check('packages_sha256_check', sql`${t.sha256} ~ '^[0-9a-f]{64}$'`),
    check('packages_bytes_check', sql`${t.bytes} >= 0`),
  ],
);

export type Order = typeof orders.$inferSelect;
export type NewOrder = typeof orders.$inferInsert;
export type OrderEvent = typeof orderEvents.$inferSelect;
