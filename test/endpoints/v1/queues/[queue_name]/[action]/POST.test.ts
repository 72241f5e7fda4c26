/** POST /v1/queues/{queue_name}/{action}: pause, resume, retry, clean (admin only); every action audited. */
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { POST } from '~/app/v1/queues/[queue_name]/[action]/route';
import { auditLog } from '~/db/schema';
import { useEndpoint } from '~/test/endpoint';

const api = useEndpoint();
/** The route reads a body only when the request says it has one (Content-Length), as a request over HTTP does. */
const withBody = (body: unknown) => ({ body, headers: { 'content-length': String(JSON.stringify(body).length) } });
const at = (queue_name: string, action: string) => ({
  path: `/v1/queues/${queue_name}/${action}`,
  params: { queue_name, action },
});

describe('POST /v1/queues/{queue_name}/{action}', () => {
  it('pause then resume the logs queue: the queue’s state changes and each action is audited', async () => {
    const p = at('logs', 'pause');
    const r = await api.call(POST, p.path, { as: 'admin', method: 'POST', params: p.params });
    expect(r.status, r.text).toBe(200);
    expect(r.json).toMatchObject({ affected: 0, queue: { name: 'logs', paused: true } });
    expect(await api.deps.queues.get('logs').isPaused()).toBe(true);

    const q = at('logs', 'resume');
    const r2 = await api.call(POST, q.path, { as: 'admin', method: 'POST', params: q.params });
    expect(r2.status, r2.text).toBe(200);
    expect(r2.json.queue.paused).toBe(false);
    expect(await api.deps.queues.get('logs').isPaused()).toBe(false);

    const rows = await api.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.targetType, 'queue'), eq(auditLog.targetId, 'logs')));
    expect(rows.map((x) => x.action).sort()).toEqual(['queue.pause', 'queue.resume']);
    expect(rows.find((x) => x.action === 'queue.pause')).toMatchObject({
      actorId: api.clients.admin!.clientId,
      details: { action: 'pause', affected: 0 },
    });
  });

  it('clean with a body: the options are taken and recorded', async () => {
    const c = at('maintenance', 'clean');
    const r = await api.call(POST, c.path, {
      as: 'admin',
      params: c.params,
      ...withBody({ state: 'completed', older_than_seconds: 60 }),
    });
    expect(r.status, r.text).toBe(200);
    expect(r.json).toMatchObject({ affected: 0, queue: { name: 'maintenance' } });
    const [row] = await api.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'queue.clean'), eq(auditLog.targetId, 'maintenance')));
    expect(row!.details).toEqual({
      action: 'clean',
      state: 'completed',
      older_than_seconds: 60,
      limit: 10_000,
      affected: 0,
    });
  });

  it('bad input: 400 naming the field, 404 for an unknown queue; nothing written', async () => {
    const cases = [
      ['tasks', 'clean', { state: 'running', older_than_seconds: 60 }, 400, /^state:/],
      ['tasks', 'clean', { state: 'failed' }, 400, /^older_than_seconds:/],
      ['tasks', 'retry', { limit: 0 }, 400, /^limit:/],
      ['tasks', 'pause', { force: true }, 400, /force/],
      ['tasks', 'purge', undefined, 400, /^action:.*pause, resume, retry, clean/],
      ['rabbit', 'pause', undefined, 404, /^queue:/],
    ] as const;
    for (const [name, action, body, status, detail] of cases) {
      const { path, params } = at(name, action);
      const r = await api.unchanged(() =>
        api.call(POST, path, { as: 'admin', method: 'POST', params, ...(body ? withBody(body) : {}) }),
      );
      api.expectProblem(r, status, detail);
    }
    expect(await api.deps.queues.get('tasks').isPaused()).toBe(false);
  });

  it('a user token is 403, a token without the scope 403, no token 401; the queue is not paused', async () => {
    const { path, params } = at('orders', 'pause');
    for (const as of ['user', 'stranger'])
      api.expectProblem(await api.unchanged(() => api.call(POST, path, { as, method: 'POST', params })), 403, /scope/);
    api.expectProblem(await api.unchanged(() => api.call(POST, path, { method: 'POST', params })), 401);
    expect(await api.deps.queues.get('orders').isPaused()).toBe(false);
  });
});
