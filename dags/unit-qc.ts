/**
 * The QC step product_qc and ingest_product share: the order's work folder emptied (a retry starts clean), the QC
 * of the unit (server/qc/run-qc.ts) with its progress, and the report written into the folder the `package` task
 * publishes. The caller decides what a failed check means.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { TaskContext } from './define-dag';
import { deliveryDir } from './folder-package';
import type { QcReport } from '~/server/qc/qc-report';
import { runQc } from '~/server/qc/run-qc';
import { qcPackageName, writeQcReport } from '~/server/qc/write-qc-report';

type UnitQcParams = {
  product: 'raster' | 'vector';
  processing_unit_name: string;
  reference_year: number;
  source?: string;
};

export async function unitQc<P extends UnitQcParams>(
  ctx: TaskContext<P>,
  opts: { kind: 'QC' | 'INGEST'; writeWhenFailed: boolean },
): Promise<{ report: QcReport; name: string }> {
  const { params: p, services: s } = ctx;
  await fs.promises.rm(path.join(s.workDir, ctx.orderId), { recursive: true, force: true });
  const report = await runQc(
    { db: s.db, storeDir: s.storeDir, now: s.now },
    {
      product: p.product,
      products: s.products,
      unit: p.processing_unit_name,
      referenceYear: p.reference_year,
      source: p.source,
      signal: ctx.signal,
      onProgress: (done, total) => void ctx.progress((done / total) * 95),
    },
  );
  const name = qcPackageName(opts.kind, report);
  if (report.passed || opts.writeWhenFailed) await writeQcReport(deliveryDir(ctx as TaskContext<unknown>, name), report);
  await ctx.progress(100);
  return { report, name };
}
