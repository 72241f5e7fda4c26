/**
 * GET /ogc/processes/{processId}: a process description — /conf/core/process-description-op, -success,
 * process-exception-no-such-process; /conf/ogc-process-description/* (inputs, outputs, JSON encoding).
 */
import { describe, expect, it } from 'vitest';
import { GET } from '~/app/ogc/processes/[processId]/route';
import { useEndpoint } from '~/test/endpoint';
import { expectOgc, expectOgcProblem, OGC_EXCEPTIONS } from '../../ogc-kit';

const api = useEndpoint();
const at = (processId: string) => ({ path: `/ogc/processes/${processId}`, params: { processId } });

describe('GET /ogc/processes/{processId}', () => {
  it('describes get_product: its inputs from the JSON Schema the API validates with, the package output', async () => {
    const { path, params } = at('get_product');
    const d = expectOgc(await api.call(GET, path, { as: 'user', params }), 200, 'process');
    expect(d).toMatchObject({ id: 'get_product', version: '1.0.0', jobControlOptions: ['async-execute', 'dismiss'] });
    expect(Object.keys(d.inputs).sort()).toEqual(['aoi', 'format', 'product', 'product_year', 'roi_id']);
    expect(d.inputs.product).toMatchObject({ minOccurs: 1, maxOccurs: 1, schema: { type: 'string' } });
    expect(d.inputs.product_year).toMatchObject({ minOccurs: 0, schema: { type: 'integer', minimum: 2000, maximum: 2100 } });
    expect(d.inputs.aoi.schema.anyOf.map((s: { type: string }) => s.type)).toEqual(['string', 'array', 'object']);
    expect(d.outputs).toEqual({
      package: expect.objectContaining({ schema: { type: 'string', format: 'binary', contentMediaType: 'application/zip' } }),
    });
    expect(d.links.map((l: { rel: string }) => l.rel)).toEqual(
      expect.arrayContaining(['self', 'http://www.opengis.net/def/rel/ogc/1.0/execute']),
    );
  });

  it('describes every process of the list with valid OpenAPI 3.0 schemas (const → enum, examples → example)', async () => {
    const { GET: list } = await import('~/app/ogc/processes/route');
    const all = expectOgc(await api.call(list, '/ogc/processes?limit=10000', { as: 'admin' }), 200, 'processList');
    for (const p of all.processes) {
      const { path, params } = at(p.id);
      const d = expectOgc(await api.call(GET, path, { as: 'admin', params }), 200, 'process');
      expect(Object.keys(d.outputs)).toHaveLength(1);
    }
    const { path, params } = at('harmonics');
    const h = expectOgc(await api.call(GET, path, { as: 'user', params }), 200, 'process');
    expect(h.inputs.resolution.schema.anyOf).toEqual([
      { type: 'number', enum: [10] },
      { type: 'number', enum: [20] },
    ]);
    expect(h.outputs.result.schema).toEqual({ type: 'object', contentMediaType: 'application/json' });
  });

  it('an unknown or hidden process is 404 no-such-process naming it; nothing written', async () => {
    for (const [id, as] of [
      ['no_such_thing', 'user'],
      ['ingest_product', 'user'],
    ] as const) {
      const { path, params } = at(id);
      const r = await api.unchanged(() => api.call(GET, path, { as, params }));
      expectOgcProblem(r, 404, OGC_EXCEPTIONS.noSuchProcess, new RegExp(`no process ${id}`));
    }
    const { path, params } = at('ingest_product');
    expectOgc(await api.call(GET, path, { as: 'admin', params }), 200, 'process');
  });

  it('needs a token: 401 without one', async () => {
    const { path, params } = at('get_product');
    expectOgcProblem(await api.call(GET, path, { params }), 401, /^https:\/\//);
  });
});
