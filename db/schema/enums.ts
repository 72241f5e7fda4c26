/** Closed value sets of the domain, as PostgreSQL enums (an unknown value is refused by the database). */
import { pgEnum } from 'drizzle-orm/pg-core';

/** Order life cycle: RECEIVED → QUEUED → RUNNING → SUCCESS | FAILED | INVALID; ABORTED from any non-final state. */
export const orderStatus = pgEnum('order_status', ['RECEIVED', 'QUEUED', 'RUNNING', 'SUCCESS', 'FAILED', 'INVALID', 'ABORTED']);
export const FINAL_ORDER_STATUSES = ['SUCCESS', 'FAILED', 'INVALID', 'ABORTED'] as const;

export const userRole = pgEnum('user_role', ['admin', 'operator', 'viewer']);

/** Where a service runs: the embedded BullMQ engine (dags/) or an external Airflow. */
export const serviceEngine = pgEnum('service_engine', ['embedded', 'airflow']);

export const productKind = pgEnum('product_kind', ['raster', 'vector']);

export const logLevel = pgEnum('log_level', ['DEBUG', 'INFO', 'WARNING', 'ERROR']);

/** State of a manual production step (quality check, correction) on a unit. */
export const manualTaskState = pgEnum('manual_task_state', ['NOT_STARTED', 'RUNNING', 'SUCCESS', 'FAILED']);

/** How an API client authenticates at the token endpoint (RFC 7591 names). */
export const clientAuthMethod = pgEnum('client_auth_method', ['client_secret_basic', 'client_secret_post', 'private_key_jwt']);

export const actorType = pgEnum('actor_type', ['user', 'client', 'system', 'anonymous']);
