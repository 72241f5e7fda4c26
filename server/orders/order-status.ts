/**
 * The order life cycle: RECEIVED → QUEUED → RUNNING → SUCCESS | FAILED | INVALID, and ABORTED from any state that is
 * not final. Nothing leaves a final state.
 */
export const ORDER_STATUSES = ['RECEIVED', 'QUEUED', 'RUNNING', 'SUCCESS', 'FAILED', 'INVALID', 'ABORTED'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const FINAL: ReadonlySet<OrderStatus> = new Set(['SUCCESS', 'FAILED', 'INVALID', 'ABORTED']);

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
