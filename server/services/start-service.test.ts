/**
 * Starting production services (start-service.ts) against a real database and Redis: one order per unit, the
 * reference's body conventions, validation naming the field, scopes from the catalogue, engines that cannot run
 * refused with 503, Idempotency-Key — and nothing written when a request is refused.
 */
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { orders } from '~/db/schema';
import { seedDatabase } from '~/db/seed/seed-database';
import type { Caller } from '~/server/auth/verify-access-token';
import { createClient } from '~/server/clients/create-client';
import { isAppError } from '~/server/errors';
import { createQueues, type Queues } from '~/server/queue/enqueue';
import { loadUnits } from '~/server/storage/load-units';
import { heartbeatKey } from '~/server/system/worker-heartbeat';
import { useTestDatabase } from '~/test/db';
import { useTestRedis } from '~/test/redis';
import { startService, type StartServiceDeps } from './start-service';
import { HARMONICS_EXAMPLE } from './examples';

const t = useTestDatabase();
const r = useTestRedis();
let queues: Queues;
let airflowReady = true;
const deps = (): StartServiceDeps => ({
  db: t.db,
  redis: r.redis,
  queuePrefix: r.prefix,
  queues,
  airflowConnectionReady: async () => airflowReady,
});
const callers: Record<string, Caller> = {};

const callerOf = (c: { id: string; clientId: string; customerId: string }, scopes: string[]): Caller => ({
  clientId: c.clientId,
  apiClientId: c.id,
  customerId: c.customerId,
  scopes,
  jti: 'test',
  subject: c.clientId,
  issuer: 'http://issuer.test',
  expiresAt: new Date(Date.now() + 3_600_000),
});

beforeAll(async () => {
  await seedDatabase(t.db, { adminEmail: 'a@example.org' });
  // 2 × 2 production units (10kmE476N278 …) and their sub-production unit SPU_E474N276.
  await loadUnits(t.db, { minX: 4_760_000, minY: 2_780_000, maxX: 4_780_000, maxY: 2_800_000 });
  queues = createQueues(r.redis, r.prefix);
  for (const [name, scopes] of [
    ['producer', ['harmonics', 'feature_calculation_task_1', 'retransformation', 'stitching_task_1', 'apply_model_task_2']],
    ['reader', ['get_product']],
    ['admin', ['admin']],
  ] as const) {
    const { client } = await createClient(t.db, { name, scopes: [...scopes] }, { type: 'system', id: 'test' });
    callers[name] = callerOf({ id: client.id, clientId: client.clientId, customerId: client.customerId }, [...scopes]);
  }
});

const harmonics = HARMONICS_EXAMPLE;
const orderCount = async () => (await t.db.select({ id: orders.id }).from(orders)).length;
const start = (service: string, body: unknown, caller = callers.producer!, idempotencyKey?: string) =>
  startService(deps(), { maxOpenPerClient: 20 }, { service, caller, body, idempotencyKey });

/** Expects a refusal with this code and a detail matching `detail`, and no order written. */
async function refused(run: () => Promise<unknown>, code: string, detail: RegExp) {
  const before = await orderCount();
  const e = await run().then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(isAppError(e), String(e)).toBe(true);
  expect({ code: (e as { code: string }).code, message: (e as Error).message }).toMatchObject({
    code,
    message: expect.stringMatching(detail),
  });
  expect(await orderCount()).toBe(before);
}

describe('startService', () => {
  it('harmonics: one order with the validated parameters, dispatched to the Airflow bridge', async () => {
    const {
      orders: [o],
      created,
    } = await start('harmonics', { ...harmonics, service_name: 'harmonics', user_id: callers.producer!.customerId });
    expect(created).toBe(true);
    const [row] = await t.db.select().from(orders).where(eq(orders.id, o!.id));
    expect(row!.status).toBe('RECEIVED');
    expect(row!.params).toEqual(harmonics); // service_name and user_id are the envelope, not parameters
    const job = await queues.get('airflow').getJob(`airflow.${o!.id}`);
    expect(job?.name).toBe('airflow.run');
    expect(job?.data).toEqual({ orderId: o!.id });
  });

  it('a list of units makes one order per unit; defaults applied; data_filter as an object or JSON text becomes the JSON text', async () => {
    const body = {
      processing_unit_name: '10kmE476N278, 10kmE477N278',
      features: ['B04_MEDIAN', 'B08_INTRPL_P90'],
      data_filter: '{"min_time_difference": 5, "max_cc_local": 30}',
    };
    const { orders: list } = await start('task1_feature_calculation', body);
    expect(list.map((o) => o.unit)).toEqual(['10kmE476N278', '10kmE477N278']);
    const rows = await t.db.select().from(orders).where(eq(orders.id, list[1]!.id));
    expect(rows[0]!.params).toEqual({
      start_date: '2017-07-01',
      end_date: '2019-06-30',
      processing_unit_name: '10kmE477N278',
      cloud_cover: 80,
      features: ['B04_MEDIAN', 'B08_INTRPL_P90'],
      use_cache: true,
      data_filter: '{"min_time_difference":5,"max_cc_local":30}',
      aoi_coverage: 0,
    });
    expect(rows[0]!.productionUnitId).not.toBeNull();
    const asObject = await start('task1_feature_calculation', {
      ...body,
      processing_unit_name: '10kmE476N279',
      data_filter: { min_time_difference: 5, max_cc_local: 30 },
    });
    const [again] = await t.db.select().from(orders).where(eq(orders.id, asObject.orders[0]!.id));
    expect((again!.params as { data_filter: string }).data_filter).toBe('{"min_time_difference":5,"max_cc_local":30}');
  });

  it('retransformation: the reference’s key with a trailing space, a sub-production unit', async () => {
    const {
      orders: [o],
    } = await start('retransformation', { 'subproduction_unit_name ': 'SPU_E474N276' });
    const [row] = await t.db.select().from(orders).where(eq(orders.id, o!.id));
    expect(row!.params).toEqual({ subproduction_unit_name: 'SPU_E474N276' });
  });

  const bad: [string, string, Record<string, unknown>, RegExp][] = [
    ['harmonics', 'tile id', { ...harmonics, tile_id: '33UXI' }, /^tile_id: a Sentinel-2 tile id/],
    [
      'harmonics',
      'dates out of order',
      { ...harmonics, start_date: '2021-11-01' },
      /^end_date: must not be before start_date \(2021-11-01\)/,
    ],
    ['harmonics', 'not a date', { ...harmonics, end_date: '2021-02-30' }, /^end_date: not a calendar date/],
    ['harmonics', 'resolution', { ...harmonics, resolution: 15 }, /^resolution: 10 or 20/],
    ['harmonics', 'band', { ...harmonics, band: 'PURPLE' }, /^band: one of B01, /],
    ['harmonics', 'unknown field', { ...harmonics, colour: 'red' }, /Unrecognized key: "colour"/],
    ['harmonics', 'missing field', { tile_id: '33UXP' }, /start_date: /],
    [
      'task1_feature_calculation',
      'cloud cover',
      { processing_unit_name: '10kmE476N278', features: ['B01_MIN'], cloud_cover: 120 },
      /^cloud_cover: Too big/,
    ],
    [
      'task1_feature_calculation',
      'feature name',
      { processing_unit_name: '10kmE476N278', features: ['B13_MIN'] },
      /^features\.0: a feature <band>_<metric>/,
    ],
    [
      'task1_feature_calculation',
      'data_filter JSON',
      { processing_unit_name: '10kmE476N278', features: ['B01_MIN'], data_filter: '{"min_time' },
      /^data_filter: not valid JSON/,
    ],
    [
      'task1_feature_calculation',
      'data_filter field',
      { processing_unit_name: '10kmE476N278', features: ['B01_MIN'], data_filter: { min_time_difference: 5, max_cc_local: 101 } },
      /^data_filter\.max_cc_local: Too big/,
    ],
    [
      'task1_feature_calculation',
      'unknown unit',
      { processing_unit_name: '10kmE476N278,10kmE999N999', features: ['B01_MIN'] },
      /^processing_unit_name: unknown production unit 10kmE999N999/,
    ],
    ['task1_feature_calculation', 'no unit', { features: ['B01_MIN'] }, /^processing_unit_name: required: a unit name/],
    [
      'task1_stitching',
      'unknown neighbour',
      { processing_unit_name: '10kmE476N278', surrounding_pus: '10kmE477N278, 10kmE1N1' },
      /^surrounding_pus: unknown production unit 10kmE1N1/,
    ],
    [
      'retransformation',
      'unknown sub-production unit',
      { subproduction_unit_name: 'SPU_X' },
      /^subproduction_unit_name: unknown sub-production unit SPU_X/,
    ],
    [
      'task2_apply_model',
      's1 band',
      {
        processing_unit_name: '10kmE476N278',
        model_path: 'm.pkl',
        start_date: '2018-01-01',
        end_date: '2018-12-31',
        cloud_cover: 50,
        s1_bands: ['VV'],
      },
      /^s1_bands\.0: an orbit direction/,
    ],
    [
      'harmonics',
      'service_name of another service',
      { ...harmonics, service_name: 'retransformation' },
      /^service_name: this is the harmonics service/,
    ],
  ];
  for (const [service, name, body, detail] of bad) {
    it(`refuses ${service} with a bad ${name}: 400 naming the field, no order`, () =>
      refused(() => start(service, body), 'VALIDATION', detail));
  }

  it('scopes come from the catalogue: another scope is 403, admin may', async () => {
    await refused(() => start('harmonics', harmonics, callers.reader), 'FORBIDDEN', /needs one of the scopes: admin, harmonics/);
    expect((await start('harmonics', harmonics, callers.admin)).created).toBe(true);
  });

  it('user_id may be the caller’s client_id (as the reference console sent it) or customer id; another is refused', async () => {
    const byClientId = await start('harmonics', { ...harmonics, start_date: '2018-02-01', user_id: callers.producer!.clientId });
    expect(byClientId.created).toBe(true);
    await refused(
      () => start('harmonics', { ...harmonics, user_id: 'someone-else' }),
      'FORBIDDEN',
      /^user_id: orders are always your own/,
    );
    await refused(
      () => start('harmonics', { ...harmonics, user_id: callers.reader!.clientId }),
      'FORBIDDEN',
      /^user_id: orders are always your own/,
    );
  });

  it('unknown and product services are 404 with a pointer', async () => {
    await refused(() => start('no_such_service', {}), 'NOT_FOUND', /no service "no_such_service"/);
    await refused(() => start('get_product', {}), 'NOT_FOUND', /ordered with POST \/v1\/products\/get_product/);
  });

  it('an engine that cannot run is 503 saying why, and nothing is accepted', async () => {
    airflowReady = false;
    try {
      await refused(
        () => start('harmonics', harmonics),
        'UNAVAILABLE',
        /runs on Airflow, and no Airflow connection "default" is configured/,
      );
    } finally {
      airflowReady = true;
    }
    // A worker online without the QC DAG (an older release).
    await r.redis.set(
      heartbeatKey(r.prefix, 'w1'),
      JSON.stringify({
        id: 'w1',
        host: 'h',
        pid: 1,
        queues: ['orders', 'tasks'],
        startedAt: new Date().toISOString(),
        seenAt: new Date().toISOString(),
        jobsDone: 0,
        jobsFailed: 0,
        running: 0,
        dags: ['get_product'],
      }),
      'EX',
      15,
    );
    try {
      await refused(
        () =>
          start('product_qc', { processing_unit_name: '10kmE476N278', product: 'raster', reference_year: 2021 }, callers.admin),
        'UNAVAILABLE',
        /none of the 1 workers online runs its workflow product_qc/,
      );
    } finally {
      await r.redis.del(heartbeatKey(r.prefix, 'w1'));
    }
  });

  it('Idempotency-Key: the same request returns the same orders; another request with the key is 409', async () => {
    const body = { processing_unit_name: ['10kmE477N279', '10kmE476N279'], features: ['B02_MAX'] };
    const first = await start('task1_feature_calculation', body, callers.producer, 'key-1');
    const again = await start('task1_feature_calculation', body, callers.producer, 'key-1');
    expect(again.created).toBe(false);
    expect(again.orders.map((o) => o.id)).toEqual(first.orders.map((o) => o.id));
    await refused(
      () => start('task1_feature_calculation', { ...body, cloud_cover: 10 }, callers.producer, 'key-1'),
      'CONFLICT',
      /this key was used for a different request/,
    );
  });

  it('the open-order limit counts every unit of the request; all or none', async () => {
    const many = Array.from({ length: 4 }, (_, i) => `10kmE47${6 + (i % 2)}N27${8 + Math.floor(i / 2)}`);
    const limited = () =>
      startService(
        deps(),
        { maxOpenPerClient: 3 },
        {
          service: 'task1_feature_calculation',
          caller: callers.admin!,
          body: { processing_unit_name: many, features: ['B01_MIN'] },
        },
      );
    await refused(limited, 'RATE_LIMITED', /at most 3 may run at once/);
  });
});
