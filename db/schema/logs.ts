/** Operational logs (written by the worker's log sink, readable per order) and the security audit log. */
import { sql } from 'drizzle-orm';
import { bigserial, check, index, inet, jsonb, pgTable, text, uuid, varchar } from 'drizzle-orm/pg-core';
import { createdAt } from './_columns';
import { actorType, logLevel } from './enums';
import { orders } from './orders';

export const logs = pgTable(
  'logs',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    level: logLevel('level').notNull(),
    /** Service or component that logged (e.g. `get_product`, `worker`, `status-manager`). */
    service: varchar('service', { length: 64 }).notNull(),
    orderId: uuid('order_id').references(() => orders.id, { onDelete: 'cascade' }),
    message: text('message').notNull(),
    context: jsonb('context').$type<Record<string, unknown>>(),
    at: createdAt(),
  },
  (t) => [
    index('logs_order_at_idx').on(t.orderId, t.at),
    index('logs_at_idx').on(t.at.desc()),
    index('logs_service_at_idx').on(t.service, t.at.desc()),
    check('logs_message_check', sql`length(${t.message}) BETWEEN 1 AND 65536`),
  ],
);

/** Security-relevant events: token issued/refused, client created/rotated/disabled, sign-in, role changes… */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: createdAt(),
    actorType: actorType('actor_type').notNull(),
    /** User id, client_id, or a component name; never a secret. */
    actorId: varchar('actor_id', { length: 128 }),
    /** Dotted event name, e.g. `token.issued`, `client.disabled`, `signin.failed`. */
    action: varchar('action', { length: 64 }).notNull(),
    targetType: varchar('target_type', { length: 32 }),
    targetId: varchar('target_id', { length: 128 }),
    ip: inet('ip'),
    requestId: varchar('request_id', { length: 64 }),
    details: jsonb('details').$type<Record<string, unknown>>(),
  },
  (t) => [
    index('audit_log_at_idx').on(t.at.desc()),
    index('audit_log_action_at_idx').on(t.action, t.at.desc()),
    index('audit_log_actor_at_idx').on(t.actorId, t.at.desc()),
    check('audit_log_action_check', sql`${t.action} ~ '^[a-z][a-z0-9_]*(\\.[a-z0-9_]+)+$'`),
  ],
);

export type LogRecord = typeof logs.$inferSelect;
export type NewLogRecord = typeof logs.$inferInsert;
export type AuditEvent = typeof auditLog.$inferSelect;
