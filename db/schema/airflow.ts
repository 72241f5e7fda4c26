/**
 * The Airflow bridge's tables: connections configured by an administrator (beside AIRFLOW_CONNECTIONS), and the task
 * instances of each Airflow order's DAG run, kept for the console's task graph.
 */
import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, primaryKey, uuid, varchar } from 'drizzle-orm/pg-core';
import { timestamps, tstz } from './_columns';
import { orders } from './orders';

export const airflowConnections = pgTable(
  'airflow_connections',
  {
    /** The name services refer to (`services.airflow_connection`; null there means `default`). */
    name: varchar('name', { length: 64 }).primaryKey(),
    url: varchar('url', { length: 2048 }).notNull(),
    /** v1: Airflow 2 (Basic auth); v2: Airflow 3 (JWT from POST /auth/token). */
    apiVersion: varchar('api_version', { length: 2 }).$type<'v1' | 'v2'>().notNull(),
    username: varchar('username', { length: 256 }).notNull(),
    /** The password sealed with server/auth/secret-box.ts (KEY_ENCRYPTION_KEY); never stored or logged in clear. */
    passwordSealed: varchar('password_sealed', { length: 2048 }).notNull(),
    timeoutMs: integer('timeout_ms').notNull().default(10_000),
    ...timestamps(),
  },
  (t) => [
    check('airflow_connections_api_version_check', sql`${t.apiVersion} in ('v1', 'v2')`),
    check('airflow_connections_name_check', sql`${t.name} ~ '^[a-z][a-z0-9_-]*$'`),
  ],
);

/**
 * One row per task instance of an order's Airflow DAG run (a table, not a jsonb column on orders: the poller upserts
 * task by task, the console lists and filters them, and the orders row stays small).
 */
export const orderTasks = pgTable(
  'order_tasks',
  {
    orderId: uuid('order_id')
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    taskId: varchar('task_id', { length: 250 }).notNull(),
    /** -1 for a task that is not mapped (Airflow's convention). */
    mapIndex: integer('map_index').notNull().default(-1),
    state: varchar('state', { length: 32 }),
    tryNumber: integer('try_number').notNull().default(0),
    startedAt: tstz('started_at'),
    endedAt: tstz('ended_at'),
    ...timestamps(),
  },
  (t) => [primaryKey({ columns: [t.orderId, t.taskId, t.mapIndex] }), index('order_tasks_order_idx').on(t.orderId)],
);

export type AirflowConnectionRow = typeof airflowConnections.$inferSelect;
export type OrderTask = typeof orderTasks.$inferSelect;
