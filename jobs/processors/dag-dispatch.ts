import { dispatchDag } from '../engine/dispatch-dag';
import { engineDepsOf } from '../engine/engine-deps';
import { defineProcessor } from './define-processor';

/** Starts an order's workflow: validates its parameters, adds the flow, marks it QUEUED (idempotent). */
export default defineProcessor({
  job: 'dag.dispatch',
  run: ({ payload, deps }) => dispatchDag(engineDepsOf(deps), payload.orderId, payload.dagId),
});
