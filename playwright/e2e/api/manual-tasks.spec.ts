/**
 * The manual-task flow over HTTP (reference M16–M21): a task created for a sub-production unit becomes one task per
 * unit; a unit's state and then the whole SPU's state change, every change recorded; a task type that needs the
 * service's finished order refuses units without one and refers to a real SUCCESS order (a product_qc run) otherwise;
 * the order reference is refused for an order that did not succeed and accepted for one that did.
 */
import { expect, test } from '@playwright/test';
import postgres from 'postgres';
import { env } from '~/server/env.js';
import { newClient } from '~/playwright/fixtures/cli';
import { manualToken, pollStatus } from '~/playwright/fixtures/orders';

const SPU = 'SPU_E477N279';
const PU = '10kmE478N280';
const OTHER_PU = '10kmE479N281';
let sql: postgres.Sql;
test.beforeAll(() => {
  sql = postgres(env.DATABASE_URL, { max: 1, onnotice: () => {} });
});
test.afterAll(() => sql.end());
test.describe.configure({ mode: 'serial' });

test('create for an SPU, update a unit, update the SPU, refer to orders', async ({ baseURL, request }) => {
  const c = newClient('user product_qc');
  const token = manualToken(baseURL!, c);
  const headers = { authorization: `Bearer ${token}` };
  const units = (
    await sql<{ code: string }[]>`
    select pu.code from production_units pu join sub_production_units s on s.id = pu.sub_production_unit_id where s.code = ${SPU} order by pu.code`
  ).map((r) => r.code);
  expect(units.length).toBeGreaterThan(1);

  const types = (await (await request.get('/v1/crm/manual_tasks', { headers })).json()).tasks;
  expect(types.map((t: { task_name: string }) => t.task_name)).toEqual([
    'Visual quality check',
    'Manual correction',
    'Final validation',
  ]);

  // A real SUCCESS order of product_qc for PU.
  const qc = await request.post('/v1/services/product_qc', {
    headers,
    data: { processing_unit_name: PU, product: 'raster', reference_year: 2021 },
  });
  expect(qc.status(), await qc.text()).toBe(202);
  const qcOrder = (await qc.json()).order_id as string;
  expect((await pollStatus(baseURL!, `/v1/services/order_status/${qcOrder}`, token)).status).toBe('SUCCESS');

  // Create for the SPU: one task per unit.
  const base = { task_id: 'Final validation', service_id: 'product_qc' };
  const created = await request.post('/v1/crm/manual_tasks/create', {
    headers,
    data: { ...base, subproduction_unit: SPU, comment: 'e2e' },
  });
  expect(created.status(), await created.text()).toBe(201);
  const body = await created.json();
  expect(body.message).toBe('Your order has been successfully submitted');
  expect(body.tasks.map((t: { processing_unit: string }) => t.processing_unit)).toEqual(units);
  expect(body.links[0]).toEqual({
    href: `/v1/crm/manual_tasks/task_query?processing_unit=${units[0]}`,
    rel: 'manual_tasks',
    type: 'GET',
  });
  const again = await request.post('/v1/crm/manual_tasks/create', { headers, data: { ...base, processing_unit: PU } });
  expect(again.status()).toBe(409);
  expect((await again.json()).detail).toMatch(new RegExp(`already recorded for ${PU}`));

  const query = async (qs: string) =>
    (await (await request.get(`/v1/crm/manual_tasks/task_query?${qs}`, { headers })).json()).tasks;
  expect(
    (await query(`subproduction_unit=${SPU}&task_name=Final validation`)).map((t: { task_status: string }) => t.task_status),
  ).toEqual(units.map(() => 'in_progress'));

  // One unit finished (a result is required), then the whole SPU failed.
  const noResult = await request.put('/v1/crm/manual_tasks/update_state', {
    headers,
    data: { ...base, processing_unit: PU, state: 'finished' },
  });
  expect(noResult.status()).toBe(400);
  expect((await noResult.json()).detail).toMatch(/^result: required when the state is finished/);
  const finished = await request.put('/v1/crm/manual_tasks/update_state', {
    headers,
    data: { ...base, processing_unit: PU, state: 'finished', result: 'accepted' },
  });
  expect(finished.status()).toBe(200);
  expect((await query(`processing_unit=${PU}&task_status=finished`))[0]).toMatchObject({
    task_result: 'accepted',
    subproduction_unit: SPU,
  });
  const spu = await request.put('/v1/crm/manual_tasks/update_spu_state', {
    headers,
    data: { ...base, subproduction_unit: SPU, state: 'failed' },
  });
  expect(await spu.json()).toMatchObject({ updated: units.length });
  expect((await query(`subproduction_unit=${SPU}&task_status=failed`)).length).toBe(units.length);

  // A task type that needs the finished product_qc order: refused where there is none, referring to it where it is.
  const check = { task_id: 'Visual quality check', service_id: 'product_qc' };
  const none = await request.post('/v1/crm/manual_tasks/create', {
    headers,
    data: { ...check, processing_unit: [PU, OTHER_PU] },
  });
  expect(none.status()).toBe(422);
  expect((await none.json()).detail).toMatch(new RegExp(`${OTHER_PU} has none`));
  const withOrder = await (
    await request.post('/v1/crm/manual_tasks/create', { headers, data: { ...check, processing_unit: PU } })
  ).json();
  expect(withOrder.tasks[0].refers_to_order_id).toBe(qcOrder);
  expect((await query(`processing_unit=${PU}&task_name=Visual quality check`))[0]).toMatchObject({
    order_id: qcOrder,
    order_status: 'finished',
  });

  // The order reference: a failed order of the same service and unit is refused, the SUCCESS one accepted.
  const [failed] = await sql<{ id: string }[]>`
    insert into orders (service_id, status, params, production_unit_id, stopped_at, error_code, error_message)
    values ((select id from services where name = 'product_qc'), 'FAILED', '{}', (select id from production_units where code = ${PU}), now(), 'E', 'e2e')
    returning id`;
  const refused = await request.put('/v1/crm/manual_tasks/update_order_id', {
    headers,
    data: { ...check, processing_unit: PU, refers_to_order_id: failed!.id },
  });
  expect(refused.status()).toBe(422);
  expect((await refused.json()).detail).toMatch(/^refers_to_order_id: that order is FAILED/);
  const accepted = await request.put('/v1/crm/manual_tasks/update_order_id', {
    headers,
    data: { ...check, processing_unit: PU, refers_to_order_id: qcOrder },
  });
  expect(accepted.status()).toBe(200);

  // Every change recorded, by this client.
  const events = await sql<{ from_state: string | null; to_state: string; actor: string }[]>`
    select e.from_state, e.to_state, e.actor from manual_task_events e join manual_tasks t on t.id = e.manual_task_id
    join production_units pu on pu.id = t.production_unit_id join manual_task_types tt on tt.id = t.task_type_id
    where pu.code = ${PU} and tt.name = 'Final validation' order by e.id`;
  expect(events.map((e) => [e.from_state, e.to_state])).toEqual([
    [null, 'RUNNING'],
    ['RUNNING', 'SUCCESS'],
    ['SUCCESS', 'FAILED'],
  ]);
  expect(new Set(events.map((e) => e.actor))).toEqual(new Set([`client:${c.client_id}`]));
});

test('bad input names the field; other tokens are refused', async ({ baseURL, request }) => {
  const headers = { authorization: `Bearer ${manualToken(baseURL!, newClient('user'))}` };
  const cases: [string, string, Record<string, unknown>, number, RegExp][] = [
    [
      'post',
      '/v1/crm/manual_tasks/create',
      { task_id: 'Final validation', service_id: 'product_qc' },
      400,
      /^processing_unit: give processing_unit or subproduction_unit/,
    ],
    [
      'post',
      '/v1/crm/manual_tasks/create',
      { task_id: 'Nap', service_id: 'product_qc', processing_unit: PU },
      400,
      /^task_id: there is no manual task type Nap/,
    ],
    [
      'post',
      '/v1/crm/manual_tasks/create',
      { task_id: 'Final validation', service_id: 'nope', processing_unit: PU },
      400,
      /^service_id: there is no service nope/,
    ],
    [
      'post',
      '/v1/crm/manual_tasks/create',
      { task_id: 'Final validation', service_id: 'product_qc', processing_unit: '10kmE1N1' },
      400,
      /^processing_unit: unknown production unit 10kmE1N1/,
    ],
    [
      'post',
      '/v1/crm/manual_tasks/create',
      { task_id: 'Final validation', service_id: 'product_qc', processing_unit: PU, client_id: 'someone' },
      403,
      /^client_id: /,
    ],
    [
      'put',
      '/v1/crm/manual_tasks/update_state',
      { task_id: 'Final validation', service_id: 'product_qc', processing_unit: PU, state: 'done' },
      400,
      /^state: one of not_started/,
    ],
    [
      'put',
      '/v1/crm/manual_tasks/update_state',
      { task_id: 'Manual correction', service_id: 'product_qc', processing_unit: PU, state: 'failed' },
      404,
      /^processing_unit: no "Manual correction" task/,
    ],
  ];
  for (const [method, url, data, status, detail] of cases) {
    const r = await request.fetch(url, { method, headers, data });
    expect(r.status(), JSON.stringify(data)).toBe(status);
    expect((await r.json()).detail, JSON.stringify(data)).toMatch(detail);
  }
  const getOnly = { authorization: `Bearer ${manualToken(baseURL!, newClient('get_product'))}` };
  expect((await request.get('/v1/crm/manual_tasks', { headers: getOnly })).status()).toBe(403);
});
