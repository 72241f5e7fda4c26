import { engineDepsOf, runDagTask } from '../dag-engine';
import { defineProcessor } from './define-processor';

/** Runs one task of a workflow (see jobs/dag-engine.ts). */
export default defineProcessor({
  job: 'dag.task',
  run: ({ job, token, signal, log, deps }) => runDagTask(engineDepsOf(deps), { job, token, signal, log }),
});
