import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineDag, POLICIES } from './define-dag';
import { jobIdOf, planFlow } from './plan-flow';

const params = z.object({
  aoi: z.string().describe('Area of interest, WKT in EPSG:4326'),
  year: z.number().int().min(2018).describe('Reference year'),
  format: z.enum(['gtiff', 'gpkg']).default('gtiff'),
});

const dag = defineDag({
  id: 'clip_example',
  version: 2,
  description: 'clip a product to an area',
  params,
  retry: POLICIES.quick,
  tasks: {
    'validate-aoi': { run: async () => ({ ok: true }) },
    'plan-tiles': { needs: ['validate-aoi'], run: async () => [1, 2, 3] },
    'clip-tile': {
      needs: ['plan-tiles'],
      retry: POLICIES.geo,
      fanOut: (inputs) => inputs['plan-tiles'] as number[],
      run: async (_c, t) => t,
    },
    mosaic: { needs: ['clip-tile'], run: async () => 'mosaic.tif' },
    publish: { needs: ['mosaic', 'validate-aoi'], run: async () => 'pkg.zip' },
  },
  teardown: { run: async () => undefined },
});

describe('defineDag', () => {
  it('orders tasks after their dependencies and derives the JSON Schema of the parameters', () => {
    expect(dag.order).toEqual(['validate-aoi', 'plan-tiles', 'clip-tile', 'mosaic', 'publish']);
    expect(dag.parameterSchema).toMatchObject({
      type: 'object',
      properties: {
        aoi: { type: 'string', description: 'Area of interest, WKT in EPSG:4326' },
        year: { type: 'integer', minimum: 2018 },
        format: { enum: ['gtiff', 'gpkg'], default: 'gtiff' },
      },
      required: ['aoi', 'year'],
    });
  });

  it('refuses unknown dependencies, cycles and bad ids', () => {
    const base = { version: 1, description: '', params, retry: POLICIES.quick };
    expect(() => defineDag({ ...base, id: 'x', tasks: { a: { needs: ['b'], run: async () => 0 } } })).toThrow(
      /needs unknown task b/,
    );
    expect(() =>
      defineDag({
        ...base,
        id: 'x',
        tasks: { a: { needs: ['b'], run: async () => 0 }, b: { needs: ['a'], run: async () => 0 } },
      }),
    ).toThrow(/cycle/);
    expect(() => defineDag({ ...base, id: 'Bad-Id', tasks: {} })).toThrow(/DAG id/);
    expect(() => defineDag({ ...base, id: 'x', tasks: { Clip: { run: async () => 0 } } })).toThrow(/kebab-case/);
  });
});

describe('planFlow', () => {
  it('is a chain in dependency order under the teardown, with deterministic job ids and per-task policies', () => {
    const flow = planFlow(dag, 'order-1', { queueName: 'tasks' });
    const chain: string[] = [];
    for (let j: typeof flow | undefined = flow; j; j = j.children?.[0]) chain.push(j.opts.jobId);
    expect(chain).toEqual([
      'order-1.teardown',
      'order-1.publish',
      'order-1.mosaic',
      'order-1.clip-tile',
      'order-1.plan-tiles',
      'order-1.validate-aoi',
    ]);
    expect(flow.children![0]!.opts).toMatchObject({ failParentOnFailure: false, ignoreDependencyOnFailure: true });
    const clip = flow.children![0]!.children![0]!.children![0]!;
    expect(clip.opts).toMatchObject({ attempts: 3, backoff: { type: 'exponential', delay: 5000 }, failParentOnFailure: true });
    expect(JSON.stringify(planFlow(dag, 'order-1', { queueName: 'tasks' }))).toBe(JSON.stringify(flow));
    expect(jobIdOf('order-1', 'clip-tile', 2)).toBe('order-1.clip-tile.2');
  });
});
