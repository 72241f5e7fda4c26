/** M19 PUT /v1/crm/manual_tasks/update_state: a unit’s task to a state (finished needs a result); an event per task. */
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { manualTaskEvents, manualTasks, productionUnits, services } from '~/db/schema';
import { POST as create } from '~/app/v1/crm/manual_tasks/create/route';
import { PUT } from '~/app/v1/crm/manual_tasks/update_state/route';
import { UNITS, useEndpoint } from '~/test/endpoint';

const api = useEndpoint({ units: true });
const path = '/v1/crm/manual_tasks/update_state';
const SERVICE = 'batch_classification_production';
const TASK = 'Final validation';
let taskId: string;
const put = (body: unknown, as?: string) => api.call(PUT, path, { as, method: 'PUT', body });
const row = async () => (await api.db.select().from(manualTasks).where(eq(manualTasks.id, taskId)))[0]!;

beforeAll(async () => {
  const r = await api.call(create, '/v1/crm/manual_tasks/create', {
    as: 'admin',
    body: { processing_unit: UNITS[0], task_id: TASK, service_id: SERVICE },
  });
  expect(r.status, r.text).toBe(201);
  taskId = r.json.tasks[0].task;
});

describe('PUT /v1/crm/manual_tasks/update_state', () => {
  it('finished stores the result and stops the task; not_started clears it; each change an event', async () => {
    const me = api.clients.user!;
    const r = await put(
      { processing_unit: UNITS[0], service_id: SERVICE, task_id: TASK, state: 'finished', result: ' accepted ' },
      'user',
    );
    expect(r.status, r.text).toBe(200);
    expect(r.headers.get('cache-control')).toBe('no-store');
    expect(r.json).toEqual({ message: 'Your update has been successfully submitted', updated: 1 });
    const done = await row();
    expect(done).toMatchObject({ state: 'SUCCESS', result: 'accepted' });
    expect(done.startedAt).toBeInstanceOf(Date);
    expect(done.stoppedAt).toBeInstanceOf(Date);
    const reset = await put(
      { processing_unit: UNITS[0], service_id: SERVICE, task_id: TASK, state: 'not_started', client_id: me.clientId },
      'user',
    );
    expect(reset.status, reset.text).toBe(200);
    expect(await row()).toMatchObject({ state: 'NOT_STARTED', result: null, startedAt: null, stoppedAt: null });
    const events = await api.db
      .select({
        from: manualTaskEvents.fromState,
        to: manualTaskEvents.toState,
        result: manualTaskEvents.result,
        actor: manualTaskEvents.actor,
      })
      .from(manualTaskEvents)
      .where(eq(manualTaskEvents.manualTaskId, taskId))
      .orderBy(manualTaskEvents.id);
    expect(events.slice(1)).toEqual([
      { from: 'RUNNING', to: 'SUCCESS', result: 'accepted', actor: `client:${me.clientId}` },
      { from: 'SUCCESS', to: 'NOT_STARTED', result: null, actor: `client:${me.clientId}` },
    ]);
    const again = await put({ processing_unit: UNITS[0], service_id: SERVICE, task_id: TASK, state: 'in_progress' }, 'admin');
    expect(again.json.updated).toBe(1);
    expect(await row()).toMatchObject({ state: 'RUNNING', stoppedAt: null });
  });

  it('bad input: 400 naming the field, nothing written', async () => {
    const base = { processing_unit: UNITS[0], service_id: SERVICE, task_id: TASK, state: 'failed' };
    for (const [body, detail] of [
      [{ ...base, state: undefined }, /^state:/],
      [{ ...base, state: 'done' }, /^state:.*not_started, in_progress, failed, finished/],
      [{ ...base, state: 'finished' }, /^result:.*finished/],
      [{ ...base, state: 'finished', result: '  ' }, /^result:/],
      [{ ...base, processing_unit: undefined }, /^processing_unit:/],
      [{ ...base, processing_unit: 'nowhere' }, /^processing_unit:.*nowhere/],
      [{ ...base, task_id: 'Dancing' }, /^task_id:.*Dancing/],
      [{ ...base, service_id: 'no_service' }, /^service_id:.*no_service/],
      [{ ...base, colour: 'red' }, /colour/],
    ] as const) {
      const r = await api.unchanged(() => put(body, 'user'));
      api.expectProblem(r, 400, detail);
    }
  });

  it('no such task there is 404 naming processing_unit, nothing written', async () => {
    for (const body of [
      { processing_unit: UNITS[3], service_id: SERVICE, task_id: TASK, state: 'failed' },
      { processing_unit: UNITS[0], service_id: 'get_product', task_id: TASK, state: 'failed' },
      { processing_unit: UNITS[0], service_id: SERVICE, task_id: 'Manual correction', state: 'failed' },
    ])
      api.expectProblem(await api.unchanged(() => put(body, 'user')), 404, /^processing_unit:.*no ".*" task/);
  });

  it('another client_id is 403, a token without admin or user 403, no token 401; nothing written', async () => {
    const body = { processing_unit: UNITS[0], service_id: SERVICE, task_id: TASK, state: 'failed' };
    api.expectProblem(
      await api.unchanged(() => put({ ...body, client_id: api.clients.other!.clientId }, 'user')),
      403,
      /^client_id:/,
    );
    api.expectProblem(await api.unchanged(() => put(body, 'reader')), 403, /scope/);
    api.expectProblem(await api.unchanged(() => put(body, 'stranger')), 403, /scope/);
    api.expectProblem(await api.unchanged(() => put(body)), 401);
    const [u] = await api.db.select({ id: productionUnits.id }).from(productionUnits).where(eq(productionUnits.code, UNITS[0]));
    const [s] = await api.db.select({ id: services.id }).from(services).where(eq(services.name, SERVICE));
    const rows = await api.db
      .select({ state: manualTasks.state })
      .from(manualTasks)
      .where(and(eq(manualTasks.productionUnitId, u!.id), eq(manualTasks.serviceId, s!.id)));
    expect(rows).toEqual([{ state: 'RUNNING' }]);
  });
});
