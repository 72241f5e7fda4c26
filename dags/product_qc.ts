/**
 * product_qc: the EEA QC checks of one production unit (server/qc), on the store's group of the unit or on an incoming
 * file (`source`), as a report (report.json + report.md, with class statistics) in a zipped download. A unit that
 * fails QC is not a failed order: the order succeeds, its report and its result say `passed: false` and which checks
 * failed.
 */
import fs from 'node:fs';
import path from 'node:path';
import { defineDag, POLICIES, task, type TaskContext } from './define-dag';
import { failedChecks } from '~/server/qc/qc-report';
import { qcPackageName, writeQcReport } from '~/server/qc/write-qc-report';
import { runQc } from '~/server/qc/run-qc';
import { productQcParams, type ProductQcParams } from '~/server/services/params/qc';
import { deliveryDir, folderPackageTask } from './folder-package';
import { cleanupTeardown } from './product-tasks';

/** What `check` hands to `package` (and the order's result shows). */
export type QcChecked = { name: string; passed: boolean; failed: { id: string; detail: string }[] };

export default defineDag({
  id: 'product_qc',
  version: 1,
  description: 'EEA QC checks of a production unit (store group or incoming file): a QC report with class statistics',
  params: productQcParams,
  retry: POLICIES.geo,
  tasks: {
    check: task<ProductQcParams>({
      weight: 8,
      retry: POLICIES.geo,
      run: async (ctx): Promise<QcChecked> => {
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
        const name = qcPackageName('QC', report);
        await writeQcReport(deliveryDir(ctx as TaskContext<unknown>, name), report);
        await ctx.progress(100);
        const failed = failedChecks(report).map((c) => ({ id: c.id, detail: c.detail }));
        return { name, passed: report.passed, failed };
      },
    }),
    package: folderPackageTask<ProductQcParams>({ needs: 'check', name: (ctx) => (ctx.inputs.check as QcChecked).name }),
  },
  teardown: cleanupTeardown,
});
