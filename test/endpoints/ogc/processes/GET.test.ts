/**
 * GET /ogc/processes: the catalogue as process summaries — /conf/core/process-list-op, process-list-success,
 * process-list-limit-def, process-list-limit-response, process-list-links.
 */
import { describe, expect, it } from 'vitest';
import { GET } from '~/app/ogc/processes/route';
import { useEndpoint } from '~/test/endpoint';
import { expectOgc, expectOgcProblem } from '../ogc-kit';

const api = useEndpoint();

describe('GET /ogc/processes', () => {
  it('lists the visible services: the product processes and the production ones, summaries valid, links to each', async () => {
    const body = expectOgc(await api.call(GET, '/ogc/processes?limit=100', { as: 'user' }), 200, 'processList');
    const ids = body.processes.map((p: { id: string }) => p.id);
    expect(ids).toEqual(expect.arrayContaining(['get_product', 'get_national_product', 'get_product_europe', 'harmonics']));
    expect(ids).not.toContain('ingest_product'); // hidden: admins only
    const p = body.processes.find((x: { id: string }) => x.id === 'get_product');
    expect(p).toMatchObject({
      version: '1.0.0',
      jobControlOptions: ['async-execute', 'dismiss'],
      outputTransmission: ['reference'],
    });
    expect(p.links.map((l: { href: string }) => l.href)).toEqual(
      expect.arrayContaining([expect.stringMatching(/\/ogc\/processes\/get_product$/)]),
    );
    expect(body.links[0]).toMatchObject({ rel: 'self', type: 'application/json' });
    const all = expectOgc(await api.call(GET, '/ogc/processes?limit=100', { as: 'admin' }), 200, 'processList');
    expect(all.processes.map((x: { id: string }) => x.id)).toContain('ingest_product');
  });

  it('pages with limit (default 10) and next links until every process was listed once', async () => {
    const first = expectOgc(await api.call(GET, '/ogc/processes', { as: 'user' }), 200, 'processList');
    expect(first.processes).toHaveLength(10);
    const seen: string[] = [];
    let href: string | undefined = '/ogc/processes?limit=4';
    while (href) {
      const page = expectOgc(await api.call(GET, href, { as: 'user' }), 200, 'processList');
      expect(page.processes.length).toBeLessThanOrEqual(4);
      seen.push(...page.processes.map((p: { id: string }) => p.id));
      href = page.links.find((l: { rel: string }) => l.rel === 'next')?.href;
    }
    const all = expectOgc(await api.call(GET, '/ogc/processes?limit=10000', { as: 'user' }), 200, 'processList');
    expect(seen).toEqual(all.processes.map((p: { id: string }) => p.id));
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('bad input: limit outside 1–10000, an unknown parameter, a forged cursor — 400 naming it, nothing written', async () => {
    for (const [q, detail] of [
      ['limit=0', /^limit:/],
      ['limit=10001', /^limit:/],
      ['limit=ten', /^limit:/],
      ['bbox=1,2,3,4', /bbox/],
      ['cursor=bm90LWEtY3Vyc29y', /^cursor:/],
    ] as const) {
      const r = await api.unchanged(() => api.call(GET, `/ogc/processes?${q}`, { as: 'user' }));
      expectOgcProblem(r, 400, /InvalidParameterValue$/, detail);
    }
  });

  it('needs a token (401); any valid token may read it', async () => {
    const r = await api.unchanged(() => api.call(GET, '/ogc/processes'));
    expectOgcProblem(r, 401, /^https:\/\//);
    expectOgc(await api.call(GET, '/ogc/processes', { as: 'stranger' }), 200, 'processList');
  });
});
