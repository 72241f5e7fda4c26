import { env } from '~/server/env.js';
import { runAirflowOrder } from '../airflow/run-airflow-order';
import { defineProcessor } from './define-processor';

/**
 * The Airflow bridge: one step for an order (trigger, read the run, record the change), then the same job again,
 * delayed, until the order is final. Unreachable Airflow: rethrown for the queue's backoff (jobs/queues: airflow).
 */
export default defineProcessor({
  job: 'airflow.run',
  run: async ({ payload, deps }) => {
    const step = await runAirflowOrder(
      {
        db: deps.db,
        redis: deps.redis,
        queuePrefix: deps.queuePrefix,
        enqueue: deps.queues.enqueue,
        encryptionKey: deps.auth.encryptionKey,
        envConnections: env.AIRFLOW_CONNECTIONS,
        now: deps.now,
      },
      payload.orderId,
    );
    if (step.pollInMs !== null) {
      const at = deps.now().getTime();
      await deps.queues.enqueue('airflow.run', payload, { jobId: `airflow.${payload.orderId}.${at}`, delay: step.pollInMs });
    }
    return step;
  },
});
