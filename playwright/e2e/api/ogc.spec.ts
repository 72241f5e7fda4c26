/**
 * OGC API – Processes 1.0 against the real server (web + worker), every answer checked against the standard's
 * schemas (test/contracts/ogcapi-processes-1.0):
 * - Debian's OWSLib (`owslib.ogcapi.processes.Processes`, spawned with arguments, no shell) reads the landing page,
 *   the conformance declaration, the process list and a process description, with the bearer token as a header;
 * - an asynchronous job with plain HTTP: execute → poll the Location → results → download the package (its SHA-256
 *   the legacy status's), the subscriber callback received and verified (Standard Webhooks signature);
 * - `Prefer: wait` on a small clip answers with the results;
 * - dismissing a running job stops it: the order ends ABORTED with no package, and stays so.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { expect, test, type APIRequestContext } from '@playwright/test';
import { Webhook } from 'standardwebhooks';
import { clientToken } from '~/playwright/fixtures/cli';
import { useHookReceiver } from '~/playwright/fixtures/hook-receiver';
import { validateOgc, type OgcSchema } from '~/test/contracts/ogcapi-processes-1.0/ogc-schemas';

const PY = '/usr/bin/python3';
const OWSLIB = `
import json, sys
from owslib.ogcapi.processes import Processes
p = Processes(sys.argv[1], headers={"Authorization": "Bearer " + sys.argv[2]})
print(json.dumps({"landing": p.response, "conformance": p.conformance(), "processes": p.processes(), "process": p.process("get_product")}))
`;

// Central Vienna, about 1.5 km × 1 km; and most of the demo store (≈ 2700 km²: a clip that runs for a while).
const SMALL = { product: 'Raster', aoi: [16.36, 48.2, 16.38, 48.21] };
const LARGE = { product: 'Raster', aoi: [15.97, 47.995, 16.66, 48.455] };

const hooks = useHookReceiver();
const received = hooks.received;

async function ogc(request: APIRequestContext, url: string, headers: Record<string, string>, schema: OgcSchema, status = 200) {
  const r = await request.get(url, { headers });
  expect(r.status(), await r.text()).toBe(status);
  const body = await r.json();
  validateOgc(schema, body);
  return body;
}

async function pollJob(request: APIRequestContext, href: string, headers: Record<string, string>, until: (s: string) => boolean) {
  const t0 = Date.now();
  for (;;) {
    const job = await ogc(request, href, headers, 'statusInfo');
    if (until(job.status)) return job;
    if (Date.now() - t0 > 120_000) throw new Error(`job still ${job.status}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

test.describe('OGC API – Processes', () => {
  test.describe.configure({ timeout: 180_000 });

  test('OWSLib reads the landing page, conformance, the process list and a process description', async ({ baseURL, request }) => {
    const { token } = await clientToken(request, 'get_product');
    const out = JSON.parse(execFileSync(PY, ['-c', OWSLIB, `${baseURL}/ogc`, token], { encoding: 'utf8' }));
    validateOgc('landingPage', out.landing);
    validateOgc('confClasses', out.conformance);
    validateOgc('processList', out.processes);
    validateOgc('process', out.process);
    expect(out.landing.links.map((l: { rel: string }) => l.rel)).toEqual(expect.arrayContaining(['service-desc', 'service-doc']));
    expect(out.conformance.conformsTo).toContain('http://www.opengis.net/spec/ogcapi-processes-1/1.0/conf/dismiss');
    expect(out.processes.processes.map((p: { id: string }) => p.id)).toContain('get_product');
    expect(Object.keys(out.process.inputs)).toEqual(expect.arrayContaining(['product', 'aoi']));
    expect(Object.keys(out.process.outputs)).toEqual(['package']);
  });

  test('an asynchronous job: execute → poll → results → download; the subscriber gets the results, signed', async ({
    request,
  }) => {
    const { headers } = await clientToken(request, 'get_product');
    const put = await request.put('/v1/webhooks', { headers, data: { url: `${hooks.base}/hook` } });
    expect(put.status()).toBe(201);
    const { secret } = await put.json();
    const subscriber = { successUri: `${hooks.base}/ogc/success`, inProgressUri: `${hooks.base}/ogc/running` };

    const exec = await request.post('/ogc/processes/get_product/execution', { headers, data: { inputs: SMALL, subscriber } });
    expect(exec.status(), await exec.text()).toBe(201);
    const accepted = await exec.json();
    validateOgc('statusInfo', accepted);
    const location = exec.headers()['location']!;
    expect(location).toMatch(new RegExp(`/ogc/jobs/${accepted.jobID}$`));

    const done = await pollJob(request, location, headers, (s) => !['accepted', 'running'].includes(s));
    expect(done).toMatchObject({ status: 'successful', progress: 100 });
    const results = await ogc(request, `${location}/results`, headers, 'results');
    const legacy = await (await request.get(`/v1/services/order_status/${accepted.jobID}`, { headers })).json();
    expect(legacy.status).toBe('SUCCESS');
    expect(results.package).toMatchObject({ type: 'application/zip', title: legacy.package.file_name });

    const zip = await request.get(results.package.href, { headers });
    expect(zip.status()).toBe(200);
    expect(zip.headers()['content-type']).toMatch(/application\/zip/);
    const bytes = await zip.body();
    expect(bytes.subarray(0, 2).toString()).toBe('PK');
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(legacy.package.sha256);

    const wh = new Webhook(secret);
    await expect.poll(() => received.filter((m) => m.path.startsWith('/ogc/')).length, { timeout: 30_000 }).toBe(2);
    const verified = (path: string) => {
      const m = received.find((x) => x.path === path)!;
      return wh.verify(m.body, {
        'webhook-id': m.headers['webhook-id']!,
        'webhook-timestamp': m.headers['webhook-timestamp']!,
        'webhook-signature': m.headers['webhook-signature']!,
      });
    };
    const running = verified('/ogc/running');
    validateOgc('statusInfo', running);
    expect(running).toMatchObject({ jobID: accepted.jobID, status: 'running' });
    const success = verified('/ogc/success') as { package: { href: string } };
    validateOgc('results', success);
    expect(success.package.href).toMatch(new RegExp(`/downloads/${accepted.jobID}\\.`));
  });

  test('Prefer: wait on a small clip answers with the results, with Preference-Applied and a monitor link', async ({
    request,
  }) => {
    const { headers } = await clientToken(request, 'get_product');
    const r = await request.post('/ogc/processes/get_product/execution', {
      headers: { ...headers, prefer: 'wait=90' },
      data: { inputs: SMALL },
    });
    expect(r.status(), await r.text()).toBe(200);
    expect(r.headers()['preference-applied']).toBe('wait=90');
    const monitor = /^<([^>]+)>; rel="monitor"$/.exec(r.headers()['link'] ?? '')![1]!;
    const results = await r.json();
    validateOgc('results', results);
    expect((await ogc(request, monitor, headers, 'statusInfo')).status).toBe('successful');
    expect((await request.get(results.package.href, { headers })).status()).toBe(200);
  });

  test('dismissing a running job stops it: statusInfo dismissed, the order ABORTED without a package', async ({ request }) => {
    const { headers } = await clientToken(request, 'get_product');
    const exec = await request.post('/ogc/processes/get_product/execution', { headers, data: { inputs: LARGE } });
    expect(exec.status(), await exec.text()).toBe(201);
    const location = exec.headers()['location']!;
    const { jobID } = await exec.json();
    const running = await pollJob(request, location, headers, (s) => s !== 'accepted');
    expect(running.status).toBe('running');

    const del = await request.delete(location, { headers });
    expect(del.status(), await del.text()).toBe(200);
    const dismissed = await del.json();
    validateOgc('statusInfo', dismissed);
    expect(dismissed).toMatchObject({ jobID, status: 'dismissed' });

    // The worker stops the running tasks; the order stays ABORTED (a task finishing late changes nothing).
    await new Promise((r) => setTimeout(r, 5_000));
    const legacy = await (await request.get(`/v1/services/order_status/${jobID}`, { headers })).json();
    expect(legacy).toMatchObject({ status: 'ABORTED', result: null, package: null });
    expect((await ogc(request, location, headers, 'statusInfo')).status).toBe('dismissed');
    const gone = await request.get(`${location}/results`, { headers });
    expect(gone.status()).toBe(410);
    // Dismissing it again removes it from the API.
    expect((await request.delete(location, { headers })).status()).toBe(200);
    const after = await request.get(location, { headers });
    expect(after.status()).toBe(404);
    const problem = await after.json();
    validateOgc('exception', problem);
    expect(problem.type).toBe('http://www.opengis.net/def/exceptions/ogcapi-processes-1/1.0/no-such-job');
  });
});
