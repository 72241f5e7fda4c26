import { runDagTask } from '../dag-engine';
import { defineProcessor } from './define-processor';

/** Runs one task of a workflow (see jobs/dag-engine.ts). */
export default defineProcessor({
  job: 'dag.task',
  run: ({ job, token, signal, log, deps }) =>
    runDagTask(
      {
        db: deps.db,
        redis: deps.redis,
        queuePrefix: deps.queuePrefix,
        tasksQueue: deps.queues.get('tasks'),
        dags: deps.dags,
        services: deps.dagServices,
      },
      { job, token, signal, log },
    ),
});
