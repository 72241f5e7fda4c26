/**
 * GET …/taskInstances/{task_id}/logs/{try_number}: the last lines of a task's log (v1 answers {content: string}, v2
 * {content: string[] | structured entries}). Best effort: a log Airflow cannot serve yields a note, not an error.
 */
import { airflowRequest, dagPath } from './airflow-request';
import type { AirflowConnection } from './schemas';

const TAIL_LINES = 20;
const TAIL_CHARS = 2_000;

const linesOf = (content: unknown): string[] => {
  if (typeof content === 'string') return content.split('\n');
  if (Array.isArray(content)) {
    return content.map((e) =>
      typeof e === 'string'
        ? e
        : typeof e === 'object' && e && 'event' in e
          ? String((e as { event: unknown }).event)
          : JSON.stringify(e),
    );
  }
  return [];
};

export async function getTaskLogTail(
  c: AirflowConnection,
  t: { dagId: string; runId: string; taskId: string; tryNumber: number; mapIndex?: number },
): Promise<string> {
  const query = `full_content=true${t.mapIndex !== undefined && t.mapIndex >= 0 ? `&map_index=${t.mapIndex}` : ''}`;
  const path = `${dagPath(t.dagId, 'dagRuns', t.runId, 'taskInstances', t.taskId, 'logs', String(Math.max(1, t.tryNumber)))}?${query}`;
  try {
    const res = await airflowRequest(c, 'GET', path);
    if (res.status !== 200) return `(log unavailable: HTTP ${res.status})`;
    const body = res.body as { content?: unknown } | string;
    const lines = linesOf(typeof body === 'string' ? body : body?.content).filter((l) => l.trim() !== '');
    return lines.slice(-TAIL_LINES).join('\n').slice(-TAIL_CHARS);
  } catch (e) {
    return `(log unavailable: ${e instanceof Error ? e.message : 'error'})`;
  }
}
