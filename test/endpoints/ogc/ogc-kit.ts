/**
 * Helpers for the OGC endpoint tests: every answer checked against the standard's schemas (test/contracts/
 * ogcapi-processes-1.0), OGC exceptions by their type URI, and jobs made and moved along as the worker would
 * (the status manager's applyOrderEvent; a package row for a successful product job).
 */
import { createHash } from 'node:crypto';
import { expect } from 'vitest';
import { POST as execute } from '~/app/ogc/processes/[processId]/execution/route';
import { eq } from 'drizzle-orm';
import { orders, packages } from '~/db/schema';
import { applyOrderEvent } from '~/server/orders/apply-order-event';
import { OGC_EXCEPTIONS } from '~/server/ogc/exceptions';
import { validateOgc, type OgcSchema } from '~/test/contracts/ogcapi-processes-1.0/ogc-schemas';
import { VIENNA_GEOJSON } from '~/test/areas';
import type { CallResult, EndpointKit } from '~/test/endpoint';

export { OGC_EXCEPTIONS };

/** A 2xx JSON answer valid against `schema`; returns its body. */
export function expectOgc(r: CallResult, status: number, schema: OgcSchema) {
  expect(r.status, r.text).toBe(status);
  expect(r.headers.get('content-type')).toMatch(/^application\/json/);
  validateOgc(schema, r.json);
  return r.json;
}

/** An exception (exception.yaml, application/problem+json) with this status, type and a detail matching `detail`. */
export function expectOgcProblem(r: CallResult, status: number, type: string | RegExp, detail?: RegExp) {
  expect({ status: r.status, type: r.headers.get('content-type') }, r.text).toEqual({ status, type: 'application/problem+json' });
  validateOgc('exception', r.json);
  expect(r.json.type).toMatch(typeof type === 'string' ? new RegExp(`^${type.replace(/[.?*+^$[\]\\(){}|-]/g, '\\$&')}$`) : type);
  if (detail) expect(r.json.detail).toMatch(detail);
  expect(r.text).not.toMatch(/\n\s+at /);
}

export const executePath = (processId: string) => ({
  path: `/ogc/processes/${processId}/execution`,
  params: { processId },
});

/** Executes get_product for Vienna as `as` (async, 201); returns the job id. */
export async function newJob(
  api: EndpointKit,
  as: string,
  inputs: Record<string, unknown> = {},
  headers = {},
  /** Other members of the execute request (`response`, `subscriber`, …). */
  request: Record<string, unknown> = {},
) {
  const r = await api.call(execute, executePath('get_product').path, {
    as,
    params: executePath('get_product').params,
    body: { inputs: { product: 'Raster', aoi: VIENNA_GEOJSON, ...inputs }, ...request },
    headers,
  });
  expect(r.status, r.text).toBe(201);
  return r.json.jobID as string;
}

/** Moves an order along as the worker does; SUCCESS with a package row (expiring in a day) for a product job. */
export async function advance(api: EndpointKit, id: string, to: 'RUNNING' | 'SUCCESS' | 'FAILED' | 'INVALID') {
  const deps = { db: api.db, redis: api.redis.redis, channelPrefix: api.redis.prefix };
  const [o] = await api.db.select({ status: orders.status }).from(orders).where(eq(orders.id, id));
  const steps = o!.status === 'RUNNING' ? [] : o!.status === 'QUEUED' ? (['RUNNING'] as const) : (['QUEUED', 'RUNNING'] as const);
  for (const status of steps) await applyOrderEvent(deps, { orderId: id, status, source: 'worker' });
  if (to === 'RUNNING') return;
  if (to === 'SUCCESS') {
    const expiresAt = new Date(Date.now() + 86_400_000);
    const fileName = `CLMS_CLCplus_RASTER_2021_${id.replace(/-/g, '')}.zip`;
    const sha256 = createHash('sha256').update(id).digest('hex');
    const [p] = await api.db
      .insert(packages)
      .values({ orderId: id, fileName, storageKey: `packages/${fileName}`, bytes: 1234, sha256, expiresAt })
      .returning();
    await applyOrderEvent(deps, {
      orderId: id,
      status: 'SUCCESS',
      source: 'worker',
      result: { package: { packageId: p!.id, fileName, bytes: 1234, sha256, expiresAt: expiresAt.toISOString() } },
    });
    return;
  }
  await applyOrderEvent(deps, {
    orderId: id,
    status: to,
    source: 'worker',
    error:
      to === 'FAILED'
        ? { code: 'CLIP_FAILED', message: 'gdal could not read the store' }
        : { code: 'NO_DATA', message: 'no data in the area' },
  });
}
