/**
 * The QC report as files an order delivers: `report.json` and `report.md` in the folder the order's `package` task
 * zips (dags/folder-package.ts), named after the unit, e.g. CLCplus_QC_RASTER_2021_10kmE476N278.
 */
import fs from 'node:fs';
import path from 'node:path';
import { qcMarkdown, type QcReport } from './qc-report';

/** The folder name of a unit's QC (`QC`) or ingestion (`INGEST`) delivery. */
export const qcPackageName = (kind: 'QC' | 'INGEST', r: Pick<QcReport, 'product' | 'referenceYear' | 'unit'>) =>
  `CLCplus_${kind}_${r.product.toUpperCase()}_${r.referenceYear}_${r.unit}`;

/** Writes report.json and report.md into `dir` (created). */
export async function writeQcReport(dir: string, report: QcReport): Promise<void> {
  await fs.promises.mkdir(dir, { recursive: true });
  await fs.promises.writeFile(path.join(dir, 'report.json'), JSON.stringify(report, null, 2) + '\n');
  await fs.promises.writeFile(path.join(dir, 'report.md'), qcMarkdown(report));
}
