/**
 * product_qc: the EEA QC checks of one production unit (server/qc), on the store's group of the unit or on an incoming
 * file (`source`), as a report (report.json + report.md, with class statistics) in a zipped download. A unit that
 * fails QC is not a failed order: the order succeeds, its report and its result say `passed: false` and which checks
 * failed.
 */
import { defineDag, POLICIES, task } from './define-dag';
import { failedChecks } from '~/server/qc/qc-report';
import { productQcParams, type ProductQcParams } from '~/server/services/params/qc';
import { folderPackageTask } from './folder-package';
import { unitQc } from './unit-qc';
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
        const { report, name } = await unitQc(ctx, { kind: 'QC', writeWhenFailed: true });
        const failed = failedChecks(report).map((c) => ({ id: c.id, detail: c.detail }));
        return { name, passed: report.passed, failed };
      },
    }),
    package: folderPackageTask<ProductQcParams>({ needs: 'check', name: (ctx) => (ctx.inputs.check as QcChecked).name }),
  },
  teardown: cleanupTeardown,
});
