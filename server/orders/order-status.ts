/**
 * The order life cycle: RECEIVED → QUEUED → RUNNING → SUCCESS | FAILED | INVALID, and ABORTED from any state that is
 * not final. Nothing leaves a final state.
 */
import { orderStatus } from '~/db/schema';

/** The statuses, from the database enum (db/schema/enums.ts): one list for the schema, the API and the engine. */
export const ORDER_STATUSES = orderStatus.enumValues;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const FINAL: ReadonlySet<OrderStatus> = new Set<OrderStatus>(['SUCCESS', 'FAILED', 'INVALID', 'ABORTED']);
/** The statuses of an order still in progress (it counts against ORDER_MAX_OPEN_PER_CLIENT; the reconciler watches it). */
export const OPEN: readonly OrderStatus[] = ORDER_STATUSES.filter((s) => !FINAL.has(s));

const NEXT: Record<OrderStatus, readonly OrderStatus[]> = {
  RECEIVED: ['QUEUED', 'ABORTED', 'INVALID'],
  QUEUED: ['RUNNING', 'ABORTED', 'INVALID'],
  RUNNING: ['SUCCESS', 'FAILED', 'INVALID', 'ABORTED'],
  SUCCESS: [],
  FAILED: [],
  INVALID: [],
  ABORTED: [],
};

export const isFinal = (s: OrderStatus) => FINAL.has(s);
export const canTransition = (from: OrderStatus, to: OrderStatus) => NEXT[from].includes(to);
