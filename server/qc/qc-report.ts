/**
 * The QC report of one production unit (EEA QC checks, issue 11 §4): what was checked (a store group or an incoming
 * file), every check with its outcome and a detail a producer can act on, and the class statistics (pixels and km²
 * per class for a raster, polygons and km² per class for a vector). Written as JSON (machines) and Markdown (people);
 * `passed` is true only when every check passed.
 */
import { LEGEND } from '../storage/legend';

export type QcCheck = { id: string; title: string; passed: boolean; detail: string };

/** One class: pixels (raster) or polygons (vector), and its area. */
export type ClassStat = { code: number; name: string; pixels?: number; polygons?: number; areaKm2: number };

export type QcReport = {
  unit: string;
  product: 'raster' | 'vector';
  referenceYear: number;
  /** The incoming file (as GDAL opens it), or the store group's file. */
  input: { kind: 'file' | 'store'; path: string };
  checkedAt: string;
  passed: boolean;
  checks: QcCheck[];
  classes: ClassStat[];
};

export const check = (id: string, title: string, passed: boolean, detail: string): QcCheck => ({ id, title, passed, detail });

export const failedChecks = (r: Pick<QcReport, 'checks'>) => r.checks.filter((c) => !c.passed);

const NAMES = new Map(LEGEND.map((c) => [c.code, c.name]));
export const className = (code: number) => NAMES.get(code) ?? `value ${code}`;

/** The report from its checks and statistics (`passed` derived). */
export function qcReport(r: Omit<QcReport, 'passed'>): QcReport {
  return { ...r, passed: r.checks.every((c) => c.passed) };
}

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
const km2 = (v: number) => v.toFixed(4);

/** The report for people: a summary, the checks as a table, the class statistics. */
export function qcMarkdown(r: QcReport): string {
  const failed = failedChecks(r);
  const lines = [
    `# QC report: ${r.product} ${r.referenceYear}, production unit ${r.unit}`,
    '',
    `- Input: ${r.input.kind === 'file' ? 'incoming file' : 'store group'} \`${r.input.path}\``,
    `- Checked: ${r.checkedAt}`,
    `- Result: **${r.passed ? 'PASSED' : 'FAILED'}** (${r.checks.length - failed.length} of ${r.checks.length} checks passed)`,
    '',
    '## Checks',
    '',
    '| Check | Result | Detail |',
    '|---|---|---|',
    ...r.checks.map((c) => `| ${cell(c.title)} (\`${c.id}\`) | ${c.passed ? 'passed' : '**failed**'} | ${cell(c.detail)} |`),
    '',
    '## Class statistics',
    '',
  ];
  if (!r.classes.length) lines.push('No statistics (the data could not be read).');
  else if (r.product === 'raster') {
    lines.push('| Code | Class | Pixels | Area (km²) |', '|---:|---|---:|---:|');
    for (const c of r.classes) lines.push(`| ${c.code} | ${cell(c.name)} | ${c.pixels ?? 0} | ${km2(c.areaKm2)} |`);
  } else {
    lines.push('| Code | Class | Polygons | Area (km²) |', '|---:|---|---:|---:|');
    for (const c of r.classes) lines.push(`| ${c.code} | ${cell(c.name)} | ${c.polygons ?? 0} | ${km2(c.areaKm2)} |`);
  }
  return lines.join('\n') + '\n';
}
