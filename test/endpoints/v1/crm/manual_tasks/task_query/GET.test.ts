/** M17 GET /v1/crm/manual_tasks/task_query: manual tasks per unit with the state of the order they refer to, filtered. */
import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { orders, productionUnits, services } from '~/db/schema';
import { POST as create } from '~/app/v1/crm/manual_tasks/create/route';
import { GET } from '~/app/v1/crm/manual_tasks/task_query/route';
import { SPU, UNITS, useEndpoint } from '~/test/endpoint';

const api = useEndpoint({ units: true });
const SERVICE = 'batch_classification_production';
let orderId: string;
const get = (query: string, as?: string) => api.call(GET, `/v1/crm/manual_tasks/task_query${query}`, { as });
const pairs = (r: { json: { tasks: { processing_unit: string; task_name: string }[] } }) =>
  r.json.tasks.map((t) => `${t.processing_unit}/${t.task_name}`);

beforeAll(async () => {
  const [s] = await api.db.select({ id: services.id }).from(services).where(eq(services.name, SERVICE));
  const [u] = await api.db.select({ id: productionUnits.id }).from(productionUnits).where(eq(productionUnits.code, UNITS[0]));
  const [o] = await api.db
    .insert(orders)
    .values({ serviceId: s!.id, productionUnitId: u!.id, params: {}, status: 'SUCCESS', result: {}, stoppedAt: sql`now()` })
    .returning({ id: orders.id });
  orderId = o!.id;
  for (const body of [
    { processing_unit: UNITS[0], task_id: 'Visual quality check', service_id: SERVICE },
    { processing_unit: [UNITS[0], UNITS[1]], task_id: 'Final validation', service_id: SERVICE },
    { processing_unit: UNITS[2], task_id: 'Final validation', service_id: 'get_product' },
  ]) {
    const r = await api.call(create, '/v1/crm/manual_tasks/create', { as: 'admin', body });
    expect(r.status, r.text).toBe(201);
  }
});

describe('GET /v1/crm/manual_tasks/task_query', () => {
  it('lists every task by unit and production order, with its order’s state', async () => {
    const r = await get('', 'user');
    expect(r.status, r.text).toBe(200);
    expect(r.headers.get('cache-control')).toBe('no-store');
    expect(pairs(r)).toEqual([
      `${UNITS[0]}/Visual quality check`,
      `${UNITS[0]}/Final validation`,
      `${UNITS[1]}/Final validation`,
      `${UNITS[2]}/Final validation`,
    ]);
    expect(r.json.tasks[0]).toEqual({
      subproduction_unit: SPU,
      processing_unit: UNITS[0],
      service_name: SERVICE,
      order_status: 'finished',
      order_id: orderId,
      task_name: 'Visual quality check',
      task_status: 'in_progress',
      task_result: null,
      started_at: expect.any(String),
      stopped_at: null,
    });
    expect(r.json.tasks[1]).toMatchObject({ order_status: null, order_id: null });
  });

  it('filters by unit, SPU, service, task name, both states and limit', async () => {
    expect(pairs(await get(`?processing_unit=${UNITS[1]}`, 'user'))).toEqual([`${UNITS[1]}/Final validation`]);
    expect(pairs(await get(`?subproduction_unit=${SPU}`, 'user'))).toEqual([
      `${UNITS[0]}/Visual quality check`,
      `${UNITS[0]}/Final validation`,
    ]);
    expect(pairs(await get('?service_name=get_product', 'user'))).toEqual([`${UNITS[2]}/Final validation`]);
    expect(pairs(await get(`?task_name=${encodeURIComponent('Visual quality check')}`, 'user'))).toEqual([
      `${UNITS[0]}/Visual quality check`,
    ]);
    expect(pairs(await get('?order_status=finished', 'user'))).toEqual([`${UNITS[0]}/Visual quality check`]);
    expect((await get('?order_status=failed', 'user')).json.tasks).toEqual([]);
    expect((await get('?task_status=in_progress', 'user')).json.tasks).toHaveLength(4);
    expect((await get('?task_status=finished', 'user')).json.tasks).toEqual([]);
    expect(pairs(await get('?limit=1', 'admin'))).toEqual([`${UNITS[0]}/Visual quality check`]);
    expect((await get('?processing_unit=nowhere', 'user')).json).toEqual({ tasks: [] });
  });

  it('bad input: 400 naming the parameter', async () => {
    for (const [query, detail] of [
      ['?order_status=done', /^order_status:.*not_started/],
      ['?task_status=RUNNING', /^task_status:.*in_progress/],
      ['?limit=0', /^limit:/],
      ['?limit=5001', /^limit:/],
      ['?limit=many', /^limit:/],
      [`?processing_unit=${'x'.repeat(65)}`, /^processing_unit:/],
      ['?colour=red', /colour/],
    ] as const) {
      const r = await api.unchanged(() => get(query, 'user'));
      api.expectProblem(r, 400, detail);
    }
  });

  it('a token without admin or user is 403, no token 401', async () => {
    api.expectProblem(await get('', 'reader'), 403, /scope/);
    api.expectProblem(await get('', 'stranger'), 403, /scope/);
    api.expectProblem(await get(''), 401);
  });
});
