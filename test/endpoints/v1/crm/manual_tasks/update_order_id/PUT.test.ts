/** M21 PUT /v1/crm/manual_tasks/update_order_id: the SUCCESS order (of the task's service and unit) a task refers to. */
import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { manualTaskEvents, manualTasks, orders, productionUnits, services } from '~/db/schema';
import { POST as create } from '~/app/v1/crm/manual_tasks/create/route';
import { PUT } from '~/app/v1/crm/manual_tasks/update_order_id/route';
import { UNITS, useEndpoint } from '~/test/endpoint';

const api = useEndpoint({ units: true });
const path = '/v1/crm/manual_tasks/update_order_id';
const SERVICE = 'batch_classification_production';
const TASK = 'Visual quality check';
const ids: Record<string, string> = {};
let taskId: string;
const unitIds: Record<string, number> = {};
const put = (body: unknown, as?: string) => api.call(PUT, path, { as, method: 'PUT', body });

const order = async (unit: string, status: 'SUCCESS' | 'RUNNING', service = SERVICE) => {
  const [s] = await api.db.select({ id: services.id }).from(services).where(eq(services.name, service));
  const [o] = await api.db
    .insert(orders)
    .values({
      serviceId: s!.id,
      productionUnitId: unitIds[unit],
      params: {},
      status,
      ...(status === 'SUCCESS' ? { result: {}, stoppedAt: sql`now()` } : { startedAt: sql`now()` }),
    })
    .returning({ id: orders.id });
  return o!.id;
};

beforeAll(async () => {
  for (const u of await api.db.select().from(productionUnits)) unitIds[u.code] = u.id;
  ids.first = await order(UNITS[0], 'SUCCESS');
  const r = await api.call(create, '/v1/crm/manual_tasks/create', {
    as: 'admin',
    body: { processing_unit: UNITS[0], task_id: TASK, service_id: SERVICE },
  });
  expect(r.status, r.text).toBe(201);
  taskId = r.json.tasks[0].task;
  ids.second = await order(UNITS[0], 'SUCCESS');
  ids.running = await order(UNITS[0], 'RUNNING');
  ids.otherUnit = await order(UNITS[1], 'SUCCESS');
  ids.otherService = await order(UNITS[0], 'SUCCESS', 'get_product');
});

describe('PUT /v1/crm/manual_tasks/update_order_id', () => {
  it('points the task at another SUCCESS order of its service and unit; recorded as an event', async () => {
    expect((await api.db.select().from(manualTasks).where(eq(manualTasks.id, taskId)))[0]!.orderId).toBe(ids.first);
    const body = { refers_to_order_id: ids.second, processing_unit: UNITS[0], service_id: SERVICE, task_id: TASK };
    const r = await put(body, 'user');
    expect(r.status, r.text).toBe(200);
    expect(r.json).toEqual({ message: 'Your update has been successfully submitted', refers_to_order_id: ids.second });
    const [row] = await api.db.select().from(manualTasks).where(eq(manualTasks.id, taskId));
    expect(row).toMatchObject({ orderId: ids.second, state: 'RUNNING' });
    const events = await api.db
      .select()
      .from(manualTaskEvents)
      .where(eq(manualTaskEvents.manualTaskId, taskId))
      .orderBy(manualTaskEvents.id);
    expect(events.at(-1)).toMatchObject({
      fromState: 'RUNNING',
      toState: 'RUNNING',
      orderId: ids.second,
      actor: `client:${api.clients.user!.clientId}`,
    });
  });

  it('bad input: 400 naming the field; an order that does not fit 422; nothing written', async () => {
    const base = { refers_to_order_id: ids.first, processing_unit: UNITS[0], service_id: SERVICE, task_id: TASK };
    for (const [body, status, detail] of [
      [{ ...base, refers_to_order_id: undefined }, 400, /^refers_to_order_id:/],
      [{ ...base, refers_to_order_id: 'nope' }, 400, /^refers_to_order_id:.*order id/],
      [{ ...base, processing_unit: undefined }, 400, /^processing_unit:/],
      [{ ...base, processing_unit: 'nowhere' }, 400, /^processing_unit:.*nowhere/],
      [{ ...base, task_id: 'Dancing' }, 400, /^task_id:.*Dancing/],
      [{ ...base, service_id: 'no_service' }, 400, /^service_id:.*no_service/],
      [{ ...base, colour: 'red' }, 400, /colour/],
      [{ ...base, refers_to_order_id: '55555555-5555-4555-8555-555555555555' }, 422, /^refers_to_order_id:.*no order/],
      [
        { ...base, refers_to_order_id: ids.otherUnit },
        422,
        new RegExp(`^refers_to_order_id:.*not a ${SERVICE} order of ${UNITS[0]}`),
      ],
      [{ ...base, refers_to_order_id: ids.otherService }, 422, /^refers_to_order_id:.*not a/],
      [{ ...base, refers_to_order_id: ids.running }, 422, /^refers_to_order_id:.*RUNNING/],
    ] as const) {
      const r = await api.unchanged(() => put(body, 'user'));
      api.expectProblem(r, status, detail);
    }
  });

  it('a unit without such a task is 404 naming processing_unit, nothing written', async () => {
    const body = { refers_to_order_id: ids.otherUnit, processing_unit: UNITS[1], service_id: SERVICE, task_id: TASK };
    api.expectProblem(await api.unchanged(() => put(body, 'user')), 404, new RegExp(`^processing_unit:.*${UNITS[1]}`));
  });

  it('another client_id is 403, a token without admin or user 403, no token 401; nothing written', async () => {
    const body = { refers_to_order_id: ids.first, processing_unit: UNITS[0], service_id: SERVICE, task_id: TASK };
    api.expectProblem(
      await api.unchanged(() => put({ ...body, client_id: api.clients.other!.clientId }, 'user')),
      403,
      /^client_id:/,
    );
    api.expectProblem(await api.unchanged(() => put(body, 'reader')), 403, /scope/);
    api.expectProblem(await api.unchanged(() => put(body, 'stranger')), 403, /scope/);
    api.expectProblem(await api.unchanged(() => put(body)), 401);
    expect((await api.db.select().from(manualTasks).where(eq(manualTasks.id, taskId)))[0]!.orderId).toBe(ids.second);
  });
});
