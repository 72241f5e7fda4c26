/**
 * ingest_product: one production unit's GeoTIFF or GeoPackage (`source`, under SOURCE_ROOTS) into the product store.
 * `qc` runs the QC checks on the file (server/qc) and refuses it when any fails (the order ends INVALID naming the
 * failed checks; the store is not touched); `ingest` is the CLI's ingestion (storage/ingest-raster.ts, vector-store.ts:
 * every check again, atomic replace, the previous version readable until the commit) and writes `ingestion.json` beside
 * the QC report; `package` (folder-package.ts) publishes the two. Re-running `ingest` after a crash ingests the same
 * file again (a new version).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import { defineDag, POLICIES, task, type TaskContext } from './define-dag';
import { AppError } from '~/server/errors';
import { failedChecks } from '~/server/qc/qc-report';
import { ingestProductParams } from '~/server/services/params/production';
import { findGroup } from '~/server/storage/find-groups';
import { ingestRaster } from '~/server/storage/ingest-raster';
import { CLASSES } from '~/server/storage/legend';
import { ingestVector } from '~/server/storage/vector-store';
import { deliveryDir, folderPackageTask } from './folder-package';
import { unitQc } from './unit-qc';
import { cleanupTeardown } from './product-tasks';

type IngestProductParams = z.infer<typeof ingestProductParams>;

/** What the tasks hand on (the order's result shows them). */
export type QcPassed = { name: string; passed: true };
export type Ingested = {
  product: string;
  group: string;
  action: 'replaced' | 'added';
  filePath: string;
  bytes: number;
  sha256: string;
  /** Raster: pixels per value. */
  histogram?: Record<number, number>;
  /** Vector: polygons. */
  features?: number;
};

/** Writes `ingestion.json` (the result, with the order id and source) beside the QC report; returns the result. */
async function summarize(ctx: TaskContext<IngestProductParams>, i: Ingested): Promise<Ingested> {
  const name = (ctx.inputs.qc as QcPassed).name;
  const summary = { orderId: ctx.orderId, source: ctx.params.source, ingestedAt: ctx.services.now().toISOString(), ...i };
  const file = path.join(deliveryDir(ctx as TaskContext<unknown>, name), 'ingestion.json');
  await fs.promises.writeFile(file, JSON.stringify(summary, null, 2) + '\n');
  await ctx.progress(100);
  return i;
}

export default defineDag({
  id: 'ingest_product',
  version: 1,
  description: 'Ingests a production unit (GeoTIFF or GeoPackage) into the product store, after its QC checks',
  params: ingestProductParams,
  retry: POLICIES.geo,
  tasks: {
    qc: task<IngestProductParams>({
      weight: 3,
      retry: POLICIES.geo,
      run: async (ctx): Promise<QcPassed> => {
        const { report, name } = await unitQc(ctx, { kind: 'INGEST', writeWhenFailed: false });
        const failed = failedChecks(report);
        if (failed.length) {
          const list = failed.map((c) => `${c.id} (${c.detail})`).join('; ');
          throw new AppError('VALIDATION', `QC failed, nothing ingested: ${list}`, { reason: 'QC_FAILED' });
        }
        return { name, passed: true };
      },
    }),
    ingest: task<IngestProductParams>({
      needs: ['qc'],
      weight: 6,
      retry: POLICIES.geo,
      run: async (ctx): Promise<Ingested> => {
        const { params: p, services: s } = ctx;
        const deps = { db: s.db, storeDir: s.storeDir };
        const ref = { product: s.products[p.product], referenceYear: p.reference_year, group: p.processing_unit_name };
        if (p.product === 'raster') {
          const r = await ingestRaster(deps, {
            ...ref,
            file: p.source,
            signal: ctx.signal,
            onProgress: (done, total) => void ctx.progress((done / total) * 100),
          });
          const { group, filePath, bytes, sha256, histogram } = r;
          const action = r.replaced ? 'replaced' : 'added';
          return summarize(ctx, { product: ref.product, group, action, filePath, bytes, sha256, histogram });
        }
        ctx.signal.throwIfAborted();
        const existed = !!(await findGroup(s.db, ref));
        const allowedValues = new Set(CLASSES.map((c) => c.code));
        const v = await ingestVector(deps, { ...ref, file: p.source, allowedValues });
        const { group, filePath, bytes, sha256, features } = v;
        const action = existed ? 'replaced' : 'added';
        return summarize(ctx, { product: ref.product, group, action, filePath, bytes, sha256, features });
      },
    }),
    package: folderPackageTask<IngestProductParams>({ needs: 'ingest', name: (ctx) => (ctx.inputs.qc as QcPassed).name }),
  },
  teardown: cleanupTeardown,
});
