/** M18 POST /v1/crm/manual_tasks/create: a RUNNING manual task per unit (or per unit of SPUs); 201; an event each. */
import { and, eq, inArray, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { manualTaskEvents, manualTasks, orders, productionUnits, services } from '~/db/schema';
import { POST } from '~/app/v1/crm/manual_tasks/create/route';
import { SPU, UNITS, useEndpoint } from '~/test/endpoint';

const api = useEndpoint({ units: true });
const path = '/v1/crm/manual_tasks/create';
const SERVICE = 'batch_classification_production';
let serviceId: string;
const unitIds: Record<string, number> = {};

const order = async (unit: string, status: 'SUCCESS' | 'RUNNING') => {
  const [o] = await api.db
    .insert(orders)
    .values({
      serviceId,
      productionUnitId: unitIds[unit],
      params: {},
      status,
      ...(status === 'SUCCESS' ? { result: {}, stoppedAt: sql`now()` } : { startedAt: sql`now()` }),
    })
    .returning({ id: orders.id });
  return o!.id;
};

beforeAll(async () => {
  const [s] = await api.db.select({ id: services.id }).from(services).where(eq(services.name, SERVICE));
  serviceId = s!.id;
  for (const u of await api.db.select().from(productionUnits)) unitIds[u.code] = u.id;
});

describe('POST /v1/crm/manual_tasks/create', () => {
  it('creates one RUNNING task per unit, referring to the unit’s SUCCESS order, with an event each', async () => {
    const done = await order(UNITS[0], 'SUCCESS');
    const r = await api.call(POST, path, {
      as: 'user',
      body: { processing_unit: UNITS[0], task_id: 'Visual quality check', service_id: SERVICE, comment: 'first pass' },
    });
    expect(r.status, r.text).toBe(201);
    expect(r.json).toEqual({
      message: 'Your order has been successfully submitted',
      links: [{ href: `/v1/crm/manual_tasks/task_query?processing_unit=${UNITS[0]}`, rel: 'manual_tasks', type: 'GET' }],
      tasks: [{ task: expect.any(String), processing_unit: UNITS[0], refers_to_order_id: done }],
    });
    const [row] = await api.db.select().from(manualTasks).where(eq(manualTasks.id, r.json.tasks[0].task));
    expect(row).toMatchObject({
      productionUnitId: unitIds[UNITS[0]],
      serviceId,
      state: 'RUNNING',
      comment: 'first pass',
      orderId: done,
    });
    expect(row!.startedAt).toBeInstanceOf(Date);
    const events = await api.db.select().from(manualTaskEvents).where(eq(manualTaskEvents.manualTaskId, row!.id));
    expect(events).toMatchObject([
      { fromState: null, toState: 'RUNNING', orderId: done, actor: `client:${api.clients.user!.clientId}` },
    ]);
  });

  it('a sub-production unit expands to its unit(s); a type that needs no order refers to none', async () => {
    const r = await api.call(POST, path, {
      as: 'admin',
      body: { subproduction_unit: SPU, task_id: 'Final validation', service_id: SERVICE },
    });
    expect(r.status, r.text).toBe(201);
    expect(r.json.tasks.map((t: { processing_unit: string }) => t.processing_unit)).toEqual([UNITS[0]]); // SPU_E474N276 holds only 10kmE476N278 of the four
    expect(r.json.tasks.every((t: { refers_to_order_id: string | null }) => t.refers_to_order_id === null)).toBe(true);
    const rows = await api.db
      .select({ state: manualTasks.state })
      .from(manualTasks)
      .where(
        inArray(
          manualTasks.id,
          r.json.tasks.map((t: { task: string }) => t.task),
        ),
      );
    expect(rows).toEqual([{ state: 'RUNNING' }]);
  });

  it('bad input: 400 naming the field, nothing written', async () => {
    const base = { processing_unit: UNITS[1], task_id: 'Final validation', service_id: SERVICE };
    for (const [body, detail] of [
      [{ task_id: 'Final validation', service_id: SERVICE }, /^processing_unit:.*one of them/],
      [{ ...base, subproduction_unit: SPU }, /^processing_unit:.*one of them/],
      [{ ...base, processing_unit: '' }, /^processing_unit:/],
      [{ ...base, processing_unit: 'nowhere' }, /^processing_unit:.*nowhere/],
      [{ subproduction_unit: 'SPU_X', task_id: 'Final validation', service_id: SERVICE }, /^subproduction_unit:.*SPU_X/],
      [{ ...base, task_id: 'Dancing' }, /^task_id:.*Dancing/],
      [{ ...base, task_id: undefined }, /^task_id:/],
      [{ ...base, service_id: 'no_service' }, /^service_id:.*no_service/],
      [{ ...base, colour: 'red' }, /colour/],
    ] as const) {
      const r = await api.unchanged(() => api.call(POST, path, { as: 'user', body }));
      api.expectProblem(r, 400, detail);
    }
  });

  it('no SUCCESS order for a unit is 422 (nothing written); a second task for a unit is 409', async () => {
    await order(UNITS[1], 'RUNNING');
    const r = await api.unchanged(() =>
      api.call(POST, path, {
        as: 'user',
        body: { processing_unit: [UNITS[1], UNITS[2]], task_id: 'Manual correction', service_id: SERVICE },
      }),
    );
    api.expectProblem(r, 422, new RegExp(`^processing_unit:.*${UNITS[1]}, ${UNITS[2]} have none`));
    const again = await api.unchanged(() =>
      api.call(POST, path, {
        as: 'user',
        body: { processing_unit: `${UNITS[0]}`, task_id: 'Visual quality check', service_id: SERVICE },
      }),
    );
    api.expectProblem(again, 409, new RegExp(`^processing_unit:.*already recorded for ${UNITS[0]}`));
  });

  it('another client_id is 403, a token without admin or user 403, no token 401; nothing written', async () => {
    const body = { processing_unit: UNITS[3], task_id: 'Final validation', service_id: SERVICE };
    const other = { ...body, client_id: api.clients.other!.clientId };
    api.expectProblem(await api.unchanged(() => api.call(POST, path, { as: 'user', body: other })), 403, /^client_id:/);
    api.expectProblem(await api.unchanged(() => api.call(POST, path, { as: 'reader', body })), 403, /scope/);
    api.expectProblem(await api.unchanged(() => api.call(POST, path, { as: 'stranger', body })), 403, /scope/);
    api.expectProblem(await api.unchanged(() => api.call(POST, path, { body })), 401);
    const rows = await api.db
      .select()
      .from(manualTasks)
      .where(and(eq(manualTasks.productionUnitId, unitIds[UNITS[3]]!), eq(manualTasks.serviceId, serviceId)));
    expect(rows).toEqual([]);
  });
});
