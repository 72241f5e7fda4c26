/** `GET /ogc/processes/{processId}`: the process description of one service (process-description.ts), or no-such-process. */
import type { Database } from '~/db/client';
import { findProcess, type ProcessViewer } from './find-process';
import { toProcessDescription } from './process-description';

export async function getProcess(db: Database, viewer: ProcessViewer, id: string) {
  return toProcessDescription(await findProcess(db, viewer, id));
}
