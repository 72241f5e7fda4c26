import { engineDepsOf } from '../engine/engine-deps';
import { runDagTask } from '../engine/run-dag-task';
import { defineProcessor } from './define-processor';

/** Runs one task of a workflow (see jobs/engine/run-dag-task.ts). */
export default defineProcessor({
  job: 'dag.task',
  run: ({ job, token, signal, log, deps }) => runDagTask(engineDepsOf(deps), { job, token, signal, log }),
});
