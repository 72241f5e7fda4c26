/**
 * The failures of a vitest JSON report as short lines ("file › test: first line of the error"), for the summary at
 * the end of `npm test`: a CI log that keeps only its tail still names what failed. Missing or unreadable report → [].
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

interface AssertionResult {
  fullName?: string;
  title?: string;
  status?: string;
  failureMessages?: string[];
}
interface FileResult {
  name?: string;
  status?: string;
  message?: string;
  assertionResults?: AssertionResult[];
}

const firstLine = (text: string | undefined) =>
  (text ?? '')
    .split('\n')
    .find((l) => l.trim() !== '')
    ?.trim()
    .slice(0, 300) ?? '';

export function vitestFailures(reportPath: string): string[] {
  if (!existsSync(reportPath)) return [];
  let report: { testResults?: FileResult[] };
  try {
    report = JSON.parse(readFileSync(reportPath, 'utf8'));
  } catch {
    return [`(the vitest report ${reportPath} is unreadable)`];
  }
  const lines: string[] = [];
  for (const file of report.testResults ?? []) {
    const name = path.relative(process.cwd(), file.name ?? '?');
    const failed = (file.assertionResults ?? []).filter((a) => a.status === 'failed');
    for (const a of failed) lines.push(`${name} › ${a.fullName ?? a.title}: ${firstLine(a.failureMessages?.[0])}`);
    // A file can fail outside any test (an import error, a hook that threw).
    if (failed.length === 0 && file.status === 'failed') lines.push(`${name}: ${firstLine(file.message)}`);
  }
  return lines;
}
