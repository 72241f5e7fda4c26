import { dispatchDag } from '../dag-engine';
import { defineProcessor } from './define-processor';

/** Starts an order's workflow: validates its parameters, adds the flow, marks it QUEUED (idempotent). */
export default defineProcessor({
  job: 'dag.dispatch',
  run: ({ payload, deps }) =>
    dispatchDag(
      {
        db: deps.db,
        redis: deps.redis,
        queuePrefix: deps.queuePrefix,
        tasksQueue: deps.queues.get('tasks'),
        dags: deps.dags,
        services: deps.dagServices,
      },
      payload.orderId,
      payload.dagId,
    ),
});
