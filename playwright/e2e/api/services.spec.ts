/**
 * The production service triggers over HTTP, `POST /v1/services/<name>` (reference §2.8 S1–S5, S7–S14), each with
 * the reference's body: accepted (202, status link, Location), a bad value refused with a 4xx problem naming the
 * field and no order written, a token without the service's scope refused (403), the order invisible to another
 * client (404), and a replayed Idempotency-Key returning the same order.
 */
import { expect, test, type APIRequestContext } from '@playwright/test';
import postgres from 'postgres';
import { env } from '~/server/env.js';
import { clientToken } from '~/playwright/fixtures/cli';
import { serviceDefinition } from '~/server/services/catalogue';
import { HARMONICS_EXAMPLE, SERVICE_EXAMPLES } from '~/server/services/examples';

let sql: postgres.Sql;
let pu: string[] = [];
let spu = '';
test.beforeAll(async () => {
  sql = postgres(env.DATABASE_URL, { max: 1, onnotice: () => {} });
  pu = (await sql<{ code: string }[]>`select code from production_units order by code limit 3`).map((r) => r.code);
  spu = (await sql<{ code: string }[]>`select code from sub_production_units order by code limit 1`)[0]!.code;
});
test.afterAll(() => sql.end());

async function tokenFor(request: APIRequestContext, scopes: string) {
  const { clientId, headers } = await clientToken(request, scopes);
  return { clientId, auth: headers };
}

const ordersOf = async (clientId: string) =>
  (
    await sql<
      { n: number }[]
    >`select count(*)::int as n from orders o join api_clients c on c.id = o.api_client_id where c.client_id = ${clientId}`
  )[0]!.n;

type Trigger = {
  service: string;
  scope: string;
  body: () => Record<string, unknown>;
  /** The field, a body with a bad value (made when the test runs: units come from the database), the detail. */
  bad: [string, () => Record<string, unknown>, RegExp];
};

const task1 = () => ({
  start_date: '2018-01-01',
  end_date: '2018-12-31',
  processing_unit_name: pu[0],
  cloud_cover: 60,
  features: ['B04_MEDIAN'],
  use_cache: false,
  data_filter: { min_time_difference: 5, max_cc_local: 40 },
});
const task2 = () => ({
  start_date: '2018-03-01',
  end_date: '2018-10-31',
  processing_unit_name: pu[0],
  cloud_cover: 70,
  interval_size: 10,
  s1_bands: ['ASC_VV', 'DSC_VH'],
  s2_bands: ['B02', 'B8A'],
  precalculated_features: ['CopernicusDSM', 'Geomorpho90m_slope'],
  data_filter_s2: '{"min_time_difference": 3, "max_cc_local": 50}',
});

const TRIGGERS: Trigger[] = [
  ...(['production', 'staging', 'test'] as const).map((stage) => ({
    service: `batch_classification_${stage}`,
    scope: 'batch_classification',
    body: () => ({ params: { processing_unit_name: pu[0], year: 2018 } }),
    bad: ['params', () => ({ params: 'not an object' }), /^params: an object of the chain’s parameters/] as Trigger['bad'],
  })),
  {
    service: 'harmonics',
    scope: 'harmonics',
    body: () => ({
      tile_id: '33UXP',
      start_date: '2021-03-01',
      end_date: '2021-10-31',
      band: 'RED',
      resolution: 20,
      ndi_band: 'NIR',
    }),
    bad: [
      'resolution',
      () => ({
        tile_id: '33UXP',
        start_date: '2021-03-01',
        end_date: '2021-10-31',
        band: 'RED',
        resolution: 30,
        ndi_band: 'NIR',
      }),
      /^resolution: 10 or 20/,
    ],
  },
  {
    service: 'retransformation',
    scope: 'retransformation',
    body: () => ({ 'subproduction_unit_name ': spu }),
    bad: [
      'subproduction_unit_name',
      () => ({ subproduction_unit_name: 'SPU_NOWHERE' }),
      /^subproduction_unit_name: unknown sub-production unit SPU_NOWHERE/,
    ],
  },
  {
    service: 'task1_batch_classification',
    scope: 'batch_classification_task_1',
    body: () => ({ ...task1(), rule_set: ['rule_a', 'rule_b'] }),
    bad: ['rule_set', () => ({ ...task1(), rule_set: '["rule_a",' }), /^rule_set: not valid JSON/],
  },
  {
    service: 'task1_feature_calculation',
    scope: 'feature_calculation_task_1',
    body: task1,
    bad: ['cloud_cover', () => ({ ...task1(), cloud_cover: -5 }), /^cloud_cover: Too small/],
  },
  {
    service: 'task1_reprocessing',
    scope: 'reprocessing_task_1',
    body: () => ({ ...task1(), rule_set: '["rule_a"]' }),
    bad: [
      'start_date',
      () => ({ ...task1(), rule_set: ['r'], start_date: '2019-01-01' }),
      /^end_date: must not be before start_date/,
    ],
  },
  {
    service: 'task1_reprocessing_test',
    scope: 'gaf',
    body: () => ({ ...task1(), rule_set: ['rule_a'] }),
    bad: [
      'features',
      () => ({ ...task1(), rule_set: ['r'], features: ['NDVI_MEAN'] }),
      /^features\.0: a feature <band>_<metric>/,
    ],
  },
  {
    service: 'task1_stitching',
    scope: 'stitching_task_1',
    body: () => ({ processing_unit_name: pu[0], surrounding_pus: `${pu[1]}, ${pu[2]}` }),
    bad: [
      'surrounding_pus',
      () => ({ processing_unit_name: pu[0], surrounding_pus: `${pu[1]}, 10kmE0N0` }),
      /^surrounding_pus: unknown production unit 10kmE0N0/,
    ],
  },
  {
    service: 'task2_apply_model',
    scope: 'apply_model_task_2',
    body: () => ({ ...task2(), model_path: 's3://models/t2.pkl' }),
    bad: ['model_path', () => task2(), /^model_path: /],
  },
  {
    service: 'task2_apply_model_fast_lane',
    scope: 'apply_model_task_2',
    body: () => ({ ...task2(), model_path: 's3://models/t2.pkl' }),
    bad: ['s2_bands', () => ({ ...task2(), model_path: 'm', s2_bands: ['B13'] }), /^s2_bands\.0: one of B01/],
  },
  {
    service: 'task2_feature_calculation',
    scope: 'feature_calculation_task_2',
    body: task2,
    bad: [
      'processing_unit_name',
      () => ({ ...task2(), processing_unit_name: '10kmE9999N9999' }),
      /^processing_unit_name: unknown production unit/,
    ],
  },
  {
    service: 'vector_class_attribution',
    scope: 'vector_class_attribution',
    body: () => ({ subproduction_unit_name: spu, method: 'relative_count', reference_year: '2021', id_column: 'id' }),
    bad: [
      'reference_year',
      () => ({ subproduction_unit_name: spu, method: 'majority', reference_year: '21' }),
      /^reference_year: /,
    ],
  },
];

test.describe('production service triggers', () => {
  for (const s of TRIGGERS) {
    test(`${s.service}: accepted with the reference's body; bad ${s.bad[0]} → 400 named; wrong scope 403; others 404; replayed key`, async ({
      request,
    }) => {
      const { clientId, auth } = await tokenFor(request, s.scope);
      const url = `/v1/services/${s.service}`;
      const headers = { ...auth, 'idempotency-key': `e2e-${s.service}` };

      // Bad input: a problem naming the field, nothing written.
      const bad = await request.post(url, { headers: auth, data: s.bad[1]() });
      expect(bad.status()).toBe(400);
      expect(bad.headers()['content-type']).toMatch(/application\/problem\+json/);
      expect((await bad.json()).detail).toMatch(s.bad[2]);
      expect(await ordersOf(clientId)).toBe(0);

      // Accepted, with the reference's envelope fields.
      const ok = await request.post(url, { headers, data: { ...s.body(), service_name: s.service } });
      expect(ok.status(), await ok.text()).toBe(202);
      const accepted = await ok.json();
      expect(accepted).toMatchObject({
        message: 'Your order has been successfully submitted',
        links: { href: `/v1/services/order_status/${accepted.order_id}`, rel: 'services', type: 'GET' },
      });
      expect(ok.headers().location).toMatch(new RegExp(`/v1/services/order_status/${accepted.order_id}$`));
      const status = await request.get(accepted.links.href, { headers: auth });
      expect(status.status()).toBe(200);
      expect((await status.json()).order_id).toBe(accepted.order_id);

      // Replayed: the same order.
      const again = await request.post(url, { headers, data: { ...s.body(), service_name: s.service } });
      expect(again.status()).toBe(202);
      expect((await again.json()).order_id).toBe(accepted.order_id);
      expect(again.headers()['idempotent-replayed']).toBe('true');
      expect(await ordersOf(clientId)).toBe(1);

      // Another client: no such order; a client without the scope: 403, nothing written.
      const other = await tokenFor(request, 'get_product');
      expect((await request.get(accepted.links.href, { headers: other.auth })).status()).toBe(404);
      const forbidden = await request.post(url, { headers: other.auth, data: s.body() });
      expect(forbidden.status()).toBe(403);
      expect((await forbidden.json()).detail).toMatch(new RegExp(`needs one of the scopes: admin, .*${s.scope}`));
      expect(await ordersOf(other.clientId)).toBe(0);
    });
  }

  test('several units in one request: one order per unit', async ({ request }) => {
    const { clientId, auth } = await tokenFor(request, 'feature_calculation_task_1');
    const r = await request.post('/v1/services/task1_feature_calculation', {
      headers: auth,
      data: { ...task1(), processing_unit_name: pu.join(', ') },
    });
    expect(r.status()).toBe(202);
    const body = await r.json();
    expect(body.orders.map((o: { unit: string }) => o.unit)).toEqual(pu);
    expect(await ordersOf(clientId)).toBe(pu.length);
  });

  test('a user_id other than the caller’s is refused; an unknown service is 404', async ({ request }) => {
    const { clientId, auth } = await tokenFor(request, 'harmonics');
    const body = { ...HARMONICS_EXAMPLE };
    const r = await request.post('/v1/services/harmonics', { headers: auth, data: { ...body, user_id: 'someone' } });
    expect(r.status()).toBe(403);
    expect((await r.json()).detail).toMatch(/^user_id: orders are always your own/);
    const u = await request.post('/v1/services/no_such_thing', { headers: auth, data: body });
    expect(u.status()).toBe(404);
    expect(await ordersOf(clientId)).toBe(0);
  });

  // The catalogue's examples (server/services/examples.ts) through the real API: every invalid one is a 400 naming
  // its field with no order written, and a valid one of each service without input files is accepted.
  for (const [service, ex] of Object.entries(SERVICE_EXAMPLES)) {
    test(`${service}: every invalid example is refused naming its field; a valid example is accepted`, async ({ request }) => {
      const { clientId, auth } = await tokenFor(request, 'admin');
      for (const bad of ex.invalid) {
        const r = await request.post(`/v1/services/${service}`, { headers: auth, data: bad.body });
        expect(r.status(), bad.case).toBe(400);
        const field = bad.field.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        expect((await r.json()).detail, bad.case).toMatch(new RegExp(`^${field}\\b`));
      }
      expect(await ordersOf(clientId)).toBe(0);
      const files = serviceDefinition(service)?.sourceFields ?? [];
      const valid = ex.valid.find((b) => files.every((f) => !(f in b)));
      if (!valid) return; // its examples name input files this run does not have
      const ok = await request.post(`/v1/services/${service}`, { headers: auth, data: valid });
      expect(ok.status(), await ok.text()).toBe(202);
    });

    // The unit names are checked against the database, not the schema: an unknown one (alone, or in a list with
    // known ones) is a 400 naming the unit field and the unknown unit, and no order of the list is written.
    const unitField = serviceDefinition(service)?.unitField;
    if (unitField) {
      test(`${service}: an unknown ${unitField} is refused naming it, for one unit and in a list`, async ({ request }) => {
        const { clientId, auth } = await tokenFor(request, 'admin');
        const unknown = unitField === 'processing_unit_name' ? '10kmE999N999' : 'SPU_E999N999';
        const known = unitField === 'processing_unit_name' ? pu[0]! : spu;
        for (const units of [unknown, `${known}, ${unknown}`]) {
          const r = await request.post(`/v1/services/${service}`, {
            headers: auth,
            data: { ...ex.valid[0], [unitField]: units },
          });
          expect(r.status(), units).toBe(400);
          const detail = (await r.json()).detail as string;
          expect(detail, units).toMatch(new RegExp(`^${unitField}\\b`));
          expect(detail, units).toContain(unknown);
        }
        expect(await ordersOf(clientId)).toBe(0);
      });
    }
  }
});
