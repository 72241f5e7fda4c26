/**
 * POST /ogc/processes/{processId}/execution: a job is an order — /conf/core/process-execute-op, -request, -inputs,
 * -input-inline(-object, -bbox), -input-validation, -default-execution-mode, -auto-execution-mode, -success-async,
 * -default-outputs; /conf/callback/job-callback (the subscriber's deliveries); `Prefer: wait` for small clips.
 * No worker runs here: the tests move orders along as the worker would (ogc-kit.ts `advance`).
 */
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { POST } from '~/app/ogc/processes/[processId]/execution/route';
import { GET as legacyStatus } from '~/app/v1/services/order_status/[order_id]/route';
import { PUT as putWebhook } from '~/app/v1/webhooks/route';
import { notificationDeliveries, orders } from '~/db/schema';
import { getOrderStatus } from '~/server/orders/get-order-status';
import { ogcCallbackBody } from '~/server/ogc/callback-body';
import { validateOgc } from '~/test/contracts/ogcapi-processes-1.0/ogc-schemas';
import { useEndpoint } from '~/test/endpoint';
import { VIENNA_GEOJSON } from '~/test/areas';
import { advance, executePath, expectOgc, expectOgcProblem, OGC_EXCEPTIONS } from '../../../ogc-kit';

const api = useEndpoint({ products: true, units: true });
const call = (processId: string, as: string | null, body: unknown, headers: Record<string, string> = {}) => {
  const { path, params } = executePath(processId);
  return api.call(POST, path, { as, params, body, headers });
};
const VIENNA = { product: 'Raster', aoi: VIENNA_GEOJSON };
const HOOK = 'https://93.184.215.14/ogc';

async function ordersOf(name: string) {
  return api.db.select().from(orders).where(eq(orders.apiClientId, api.clients[name]!.id));
}

describe('POST /ogc/processes/{processId}/execution', () => {
  it('executes get_product asynchronously: 201, Location, statusInfo; the legacy status shows the same order', async () => {
    const me = await api.client('ogc-async', ['get_product']);
    const r = await call('get_product', me.name, { inputs: VIENNA });
    const job = expectOgc(r, 201, 'statusInfo');
    expect(job).toMatchObject({ type: 'process', processID: 'get_product', status: 'accepted', progress: 0 });
    expect(r.headers.get('location')).toMatch(new RegExp(`/ogc/jobs/${job.jobID}$`));
    expect(r.headers.get('preference-applied')).toBeNull();
    const [o] = await ordersOf(me.name);
    expect(o).toMatchObject({ id: job.jobID, apiClientId: me.id, params: expect.objectContaining({ product: 'raster' }) });
    const legacy = await api.call(legacyStatus, `/v1/services/order_status/${job.jobID}`, {
      as: me.name,
      params: { order_id: job.jobID },
    });
    expect(legacy.json).toMatchObject({ order_id: job.jobID, service: 'get_product', submitted_at: job.created });
    expect(await api.deps.queues.get('orders').getJob(`dispatch.${job.jobID}`)).toBeTruthy();
  });

  it('takes qualified values and a CRS84 bbox object; honours respond-async; an Idempotency-Key replays', async () => {
    const me = await api.client('ogc-forms', ['get_product']);
    const body = {
      inputs: {
        product: { value: 'Vector' },
        aoi: { bbox: [16.36, 48.2, 16.38, 48.21], crs: 'http://www.opengis.net/def/crs/OGC/1.3/CRS84' },
      },
      outputs: { package: { format: { mediaType: 'application/zip' }, transmissionMode: 'reference' } },
      response: 'document',
    };
    const headers = { prefer: 'respond-async', 'idempotency-key': 'ogc-1' };
    const a = await call('get_product', me.name, body, headers);
    expectOgc(a, 201, 'statusInfo');
    expect(a.headers.get('preference-applied')).toBe('respond-async');
    const b = await call('get_product', me.name, body, headers);
    expect(expectOgc(b, 201, 'statusInfo').jobID).toBe(a.json.jobID);
    expect(b.headers.get('idempotent-replayed')).toBe('true');
    const rows = await ordersOf(me.name);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.params).toMatchObject({ product: 'vector', format: 'GPKG' });
    expect(rows[0]!.ogc).toEqual({ response: 'document' });
  });

  it('Prefer: wait on a small clip answers with the results once the job is done (200, Preference-Applied, monitor link)', async () => {
    const me = await api.client('ogc-sync', ['get_product']);
    const pending = call('get_product', me.name, { inputs: VIENNA }, { prefer: 'wait=20' });
    let id: string | undefined;
    for (let i = 0; i < 100 && !id; i++) {
      id = (await ordersOf(me.name))[0]?.id;
      if (!id) await new Promise((r) => setTimeout(r, 50));
    }
    await advance(api, id!, 'SUCCESS');
    const r = await pending;
    const results = expectOgc(r, 200, 'results');
    expect(r.headers.get('preference-applied')).toBe('wait=20');
    expect(r.headers.get('link')).toBe(
      `<${r.headers.get('link')!.slice(1, r.headers.get('link')!.indexOf('>'))}>; rel="monitor"`,
    );
    expect(r.headers.get('link')).toContain(`/ogc/jobs/${id}`);
    expect(results.package).toMatchObject({
      type: 'application/zip',
      href: expect.stringMatching(new RegExp(`/downloads/${id}\\.`)),
    });
  });

  it('Prefer: wait falls back to asynchronous when the job takes longer, and for a large area or another process', async () => {
    const me = await api.client('ogc-slow', ['get_product']);
    const t0 = Date.now();
    const r = await call('get_product', me.name, { inputs: VIENNA }, { prefer: 'wait=1' });
    expectOgc(r, 201, 'statusInfo');
    expect(Date.now() - t0).toBeGreaterThanOrEqual(900);
    expect(r.headers.get('preference-applied')).toBeNull();
    const big = { product: 'Raster', aoi: [15.5, 47.8, 16.9, 48.6] }; // ≈ 9000 km² > OGC_SYNC_MAX_AREA_KM2
    const t1 = Date.now();
    expectOgc(await call('get_product', me.name, { inputs: big }, { prefer: 'wait' }), 201, 'statusInfo');
    expect(Date.now() - t1).toBeLessThan(5_000);
    const both = await call(
      'get_product_europe',
      me.name,
      { inputs: { product: 'Raster' } },
      { prefer: 'respond-async, wait=10' },
    );
    expectOgc(both, 201, 'statusInfo');
    expect(both.headers.get('preference-applied')).toBe('respond-async');
  });

  it('executes a production process (product_qc) for one unit; a list of units is refused', async () => {
    const qc = await api.client('ogc-qc', ['product_qc']);
    const inputs = { product: 'raster', reference_year: 2021, processing_unit_name: '10kmE476N278' };
    const job = expectOgc(await call('product_qc', qc.name, { inputs }), 201, 'statusInfo');
    expect(job.processID).toBe('product_qc');
    const [o] = await ordersOf(qc.name);
    expect(o).toMatchObject({ id: job.jobID, params: expect.objectContaining({ processing_unit_name: '10kmE476N278' }) });
    const two = await api.unchanged(() =>
      call('product_qc', qc.name, { inputs: { ...inputs, processing_unit_name: '10kmE476N278,10kmE476N279' } }),
    );
    expectOgcProblem(two, 400, OGC_EXCEPTIONS.invalidParameterValue, /^inputs\.processing_unit_name: one unit per job/);
  });

  it('subscriber: the callbacks go out through the webhook outbox, signed, with the OGC documents as bodies', async () => {
    const me = await api.client('ogc-callback', ['get_product']);
    expect(
      (await api.call(putWebhook, '/v1/webhooks', { as: me.name, method: 'PUT', body: { url: `${HOOK}/hook` } })).status,
    ).toBe(201);
    const subscriber = { successUri: `${HOOK}/ok`, inProgressUri: `${HOOK}/running`, failedUri: `${HOOK}/failed` };
    const job = expectOgc(await call('get_product', me.name, { inputs: VIENNA, subscriber }), 201, 'statusInfo');
    await advance(api, job.jobID, 'SUCCESS');
    const rows = await api.db
      .select()
      .from(notificationDeliveries)
      .where(and(eq(notificationDeliveries.orderId, job.jobID), eq(notificationDeliveries.channel, 'callback')));
    expect(
      rows.map((d) => [d.eventType, d.destination, d.payload.format]).sort((a, b) => String(a).localeCompare(String(b))),
    ).toEqual([
      ['order.running', subscriber.inProgressUri, 'ogc'],
      ['order.succeeded', subscriber.successUri, 'ogc'],
    ]);
    const view = await getOrderStatus(
      { db: api.db, baseUrl: 'http://127.0.0.1:3000', signingKey: 'k'.repeat(32) },
      { apiClientId: me.id, admin: false },
      job.jobID,
    );
    for (const d of rows) {
      const body = await ogcCallbackBody(api.db, view, d.payload);
      validateOgc(d.eventType === 'order.succeeded' ? 'results' : 'statusInfo', body);
    }
  });

  it('bad input: 400 InvalidParameterValue naming the field (422 for what the checks refuse), nothing written', async () => {
    const cases: [string, unknown, number, RegExp][] = [
      ['get_product', { inputs: { aoi: VIENNA_GEOJSON } }, 400, /^product:/],
      ['get_product', { inputs: { ...VIENNA, product: 'Mosaic' } }, 400, /^product: must be "Raster" or "Vector"/],
      ['get_product', { inputs: { ...VIENNA, aoii: 1 } }, 400, /^inputs\.aoii: not an input of get_product/],
      ['get_product', { inputs: { ...VIENNA, user_id: 'x' } }, 400, /^inputs\.user_id: not an input/],
      [
        'get_product',
        { inputs: { product: 'Raster', aoi: { href: 'https://example.org/aoi.json' } } },
        400,
        /^inputs\.aoi: values by reference/,
      ],
      ['get_product', { inputs: { product: 'Raster', aoi: { bbox: [1, 2, 3] } } }, 400, /^inputs\.aoi\.bbox: four numbers/],
      ['get_product', { inputs: { ...VIENNA, product_year: 2019 } }, 400, /^product_year: there is no raster product for 2019/],
      ['get_product', { input: VIENNA }, 400, /^input: not a field here/],
      ['get_product', { inputs: VIENNA, outputs: { result: {} } }, 400, /^outputs\.result: not an output/],
      [
        'get_product',
        { inputs: VIENNA, outputs: { package: { transmissionMode: 'value' } } },
        400,
        /^outputs\.package\.transmissionMode:/,
      ],
      ['get_product', { inputs: VIENNA, subscriber: { successUri: 'ftp://x.org/' } }, 400, /^subscriber\.successUri:/],
      [
        'get_product',
        { inputs: VIENNA, subscriber: { failedUri: `${HOOK}/f` } },
        422,
        /^subscriber\.failedUri: register a webhook first/,
      ],
      ['get_product', { inputs: { product: 'Raster', aoi: [-60, -10, -59.9, -9.9] } }, 422, /^aoi:/],
      ['product_qc', { inputs: { product: 'raster', reference_year: 2021 } }, 400, /^processing_unit_name:/],
      [
        'product_qc',
        { inputs: { product: 'raster', reference_year: 2021, processing_unit_name: '10kmE476N278' }, response: 'raw' },
        400,
        /^response:/,
      ],
    ];
    for (const [processId, body, status, detail] of cases) {
      const r = await api.unchanged(() => call(processId, 'admin', body));
      expectOgcProblem(r, status, OGC_EXCEPTIONS.invalidParameterValue, detail);
    }
    const notJson = await api.unchanged(() =>
      api.call(POST, executePath('get_product').path, {
        as: 'user',
        params: executePath('get_product').params,
        raw: 'x',
        headers: { 'content-type': 'text/plain' },
      }),
    );
    expectOgcProblem(notJson, 415, /^https:\/\//);
  });

  it('an unknown or hidden process is 404 no-such-process; nothing written', async () => {
    for (const id of ['no_such_process', 'ingest_product']) {
      const r = await api.unchanged(() => call(id, 'user', { inputs: {} }));
      expectOgcProblem(r, 404, OGC_EXCEPTIONS.noSuchProcess, new RegExp(id));
    }
  });

  it("a token without the service's scope is 403, no token 401; nothing written", async () => {
    expectOgcProblem(await api.unchanged(() => call('get_product', 'stranger', { inputs: VIENNA })), 403, /^https:\/\//, /scope/);
    const qc = { inputs: { product: 'raster', reference_year: 2021, processing_unit_name: '10kmE476N278' } };
    expectOgcProblem(await api.unchanged(() => call('product_qc', 'reader', qc)), 403, /^https:\/\//, /scope/);
    expectOgcProblem(await api.unchanged(() => call('get_product', null, { inputs: VIENNA })), 401, /^https:\/\//);
  });
});
