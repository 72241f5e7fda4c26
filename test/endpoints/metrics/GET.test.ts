/**
 * GET /metrics (web and worker): a real Prometheus (Debian's /usr/bin/prometheus) scrapes the web's /metrics (the real route handler behind a tiny
 * HTTP server, as scripts/web.ts serves it) and the worker's (the worker's metrics server), after a few orders made
 * through the API and moved on by the status manager; PromQL over its HTTP API finds our series with their values.
 * `promtool check metrics` accepts both outputs. (Web and worker run in this one process here, so each endpoint
 * shows the other's per-process series too: queries name their job.)
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as metricsRoute } from '~/app/metrics/route';
import { POST as getProduct } from '~/app/v1/products/get_product/route';
import { PEER_HEADER } from '~/server/http/client-ip';
import { verifyDepsOf } from '~/server/auth/token-deps';
import { applyOrderEvent } from '~/server/orders/apply-order-event';
import { QUEUE_NAMES } from '~/server/queue/queues';
import { VIENNA_GEOJSON } from '~/test/areas';
import { useEndpoint } from '~/test/endpoint';
import { advance } from '../ogc/ogc-kit';
import { until } from '~/test/until';
import { compileAllowFrom } from '~/server/metrics/access';
import { serveWorkerMetrics } from '~/server/metrics/worker-endpoint';
import { createWorkerScrapeRegistry } from '~/server/metrics/worker-scrape';

const api = useEndpoint({ products: true });
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clcplus-prometheus-'));
const servers: http.Server[] = [];
let prometheus: ChildProcess | undefined;
let promUrl = '';
let webText = '';
let workerText = '';

const listen = (server: http.Server) =>
  new Promise<number>((resolve) => {
    servers.push(server);
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
const freePort = async () => {
  const s = http.createServer();
  const port = await new Promise<number>((r) => s.listen(0, '127.0.0.1', () => r((s.address() as AddressInfo).port)));
  await new Promise((r) => s.close(r));
  return port;
};

/** The web's route handler behind node:http, with the TCP peer handed over as scripts/web.ts does. */
const webServer = () =>
  http.createServer((req, res) => {
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers.set(k, v);
    headers.set(PEER_HEADER, req.socket.remoteAddress ?? '');
    void metricsRoute(new Request(`http://127.0.0.1${req.url}`, { headers })).then(async (r) => {
      res.writeHead(r.status, Object.fromEntries(r.headers));
      res.end(await r.text());
    });
  });

async function query(promql: string): Promise<{ metric: Record<string, string>; value: [number, string] }[]> {
  const r = await fetch(`${promUrl}/api/v1/query?query=${encodeURIComponent(promql)}`);
  const body = (await r.json()) as {
    status: string;
    data: { result: { metric: Record<string, string>; value: [number, string] }[] };
  };
  expect(body.status, promql).toBe('success');
  return body.data.result;
}
const value = async (promql: string) => {
  const r = await query(promql);
  return r.length ? Number(r[0]!.value[1]) : undefined;
};

beforeAll(async () => {
  const scraper = await api.client('scraper', ['metrics']);
  // A few orders through the API, then moved on by the status manager as the worker would.
  const ids: string[] = [];
  for (let i = 0; i < 3; i++) {
    const r = await api.call(getProduct, '/v1/products/get_product', {
      as: 'user',
      body: { product: 'Raster', aoi: VIENNA_GEOJSON },
    });
    expect(r.status, r.text).toBe(202);
    ids.push(r.json.order_id);
  }
  const deps = { db: api.db, redis: api.redis.redis, channelPrefix: api.redis.prefix };
  for (const orderId of ids) await advance(api, orderId, 'RUNNING');
  await applyOrderEvent(deps, {
    orderId: ids[0]!,
    status: 'FAILED',
    error: { code: 'TEST', message: 'failed on purpose' },
    source: 'test',
  });

  const webPort = await listen(webServer());
  const scrape = createWorkerScrapeRegistry({ queues: api.deps.queues, queueNames: QUEUE_NAMES, volumes: { results: dir } });
  const metrics = { allowFrom: compileAllowFrom('loopback'), verify: verifyDepsOf(api.deps), scrape };
  const workerPort = await listen(
    http.createServer((req, res) => {
      if (req.url === '/metrics') void serveWorkerMetrics(req, res, metrics);
      else res.writeHead(404).end();
    }),
  );
  webText = await (await fetch(`http://127.0.0.1:${webPort}/metrics`)).text();
  workerText = await (await fetch(`http://127.0.0.1:${workerPort}/metrics`)).text();

  // The web scraped with the metrics token (the way through a network that is not allowed), the worker by network.
  fs.writeFileSync(path.join(dir, 'token'), scraper.token);
  fs.writeFileSync(
    path.join(dir, 'prometheus.yml'),
    [
      'global: { scrape_interval: 1s, scrape_timeout: 1s }',
      'scrape_configs:',
      '  - job_name: clcplus-web',
      `    authorization: { credentials_file: ${path.join(dir, 'token')} }`,
      `    static_configs: [{ targets: ['127.0.0.1:${webPort}'] }]`,
      '  - job_name: clcplus-worker',
      `    static_configs: [{ targets: ['127.0.0.1:${workerPort}'] }]`,
      '',
    ].join('\n'),
  );
  const port = await freePort();
  promUrl = `http://127.0.0.1:${port}`;
  prometheus = spawn(
    '/usr/bin/prometheus',
    [
      `--config.file=${path.join(dir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${path.join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let log = '';
  prometheus.stderr!.on('data', (d: Buffer) => void (log = (log + d.toString()).slice(-4000)));
  await until(async () => (await fetch(`${promUrl}/-/ready`).catch(() => null))?.ok === true, 30_000).catch((e) => {
    throw new Error(`prometheus did not start: ${log}`, { cause: e });
  });
  await until(async () => (await value('sum(up)')) === 2, 30_000);
}, 90_000);

afterAll(async () => {
  prometheus?.kill('SIGTERM');
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('a real Prometheus scraping web and worker', () => {
  it('scrapes both targets', async () => {
    expect(await value('up{job="clcplus-web"}')).toBe(1);
    expect(await value('up{job="clcplus-worker"}')).toBe(1);
  });

  it('finds the web series: requests by route template, tokens, orders by service and status', async () => {
    expect(
      await value(
        'sum(clcplus_http_request_duration_seconds_count{job="clcplus-web", route="/v1/products/get_product", method="POST", status="202"})',
      ),
    ).toBe(3);
    // No order id anywhere in the route label.
    const routes = await query('count by (route) (clcplus_http_request_duration_seconds_count)');
    for (const r of routes) expect(r.metric.route).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}/);
    expect(await value('clcplus_http_requests_in_flight{job="clcplus-web"}')).toBe(0);
    expect(
      await value('sum(clcplus_tokens_total{job="clcplus-web", grant="client_credentials", outcome="issued"})'),
    ).toBeGreaterThanOrEqual(6);
    expect(await value('clcplus_orders{job="clcplus-web", service="get_product", status="FAILED"}')).toBe(1);
    expect(await value('clcplus_orders{job="clcplus-web", service="get_product", status="RUNNING"}')).toBe(2);
    expect(await value('clcplus_business_scrape_ok{job="clcplus-web"}')).toBe(1);
    expect(await value('clcplus_signing_key_age_seconds{job="clcplus-web"}')).toBeGreaterThan(0);
    expect(await value('clcplus_signing_key_rotation_seconds{job="clcplus-web"}')).toBe(30 * 86_400);
    expect(await value('clcplus_orders_overdue{job="clcplus-web"}')).toBeUndefined();
    expect(await value('clcplus_queue_oldest_waiting_seconds{job="clcplus-web", queue="maintenance"}')).toBe(0);
  });

  it('finds the worker series: transitions by service and status, queue counts, disk space', async () => {
    expect(await value('clcplus_order_transitions_total{job="clcplus-worker", service="get_product", status="RUNNING"}')).toBe(3);
    expect(await value('clcplus_order_transitions_total{job="clcplus-worker", service="get_product", status="FAILED"}')).toBe(1);
    const waiting = await value(
      'sum(clcplus_queue_jobs{job="clcplus-worker", queue="orders", state=~"waiting|prioritized|delayed"})',
    );
    expect(waiting).toBeGreaterThanOrEqual(3); // the orders' dispatch jobs (no worker takes them here)
    expect(await value('clcplus_disk_size_bytes{job="clcplus-worker", volume="results"}')).toBeGreaterThan(0);
    const free = await value(
      'clcplus_disk_free_bytes{job="clcplus-worker", volume="results"} / clcplus_disk_size_bytes{job="clcplus-worker", volume="results"}',
    );
    expect(free).toBeGreaterThan(0);
    expect(free).toBeLessThanOrEqual(1);
    expect(await value('process_resident_memory_bytes{job="clcplus-worker"}')).toBeGreaterThan(0);
  });

  it('refuses a scrape from a network that is not allowed without the metrics scope', async () => {
    const from = (token?: string) =>
      metricsRoute(
        new Request('http://127.0.0.1/metrics', {
          headers: { [PEER_HEADER]: '203.0.113.7', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        }),
      );
    expect((await from()).status).toBe(401);
    expect((await from(api.clients.user!.token)).status).toBe(403);
    const ok = await from(api.clients.scraper!.token);
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('clcplus_orders{service="get_product",status="FAILED"} 1');
  });

  it('promtool check metrics accepts both outputs', () => {
    for (const text of [webText, workerText]) {
      expect(text).toContain('# TYPE clcplus_');
      const r = spawnSync('/usr/bin/promtool', ['check', 'metrics'], { input: text, encoding: 'utf8' });
      expect(r.status, r.stdout + r.stderr).toBe(0);
    }
  });
});
