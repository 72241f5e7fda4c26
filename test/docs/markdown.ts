/**
 * Reading the manuals in docs/ for the tests that keep them true: fenced code blocks (with their info strings) and
 * pipe tables (under a heading). Plain string work on CommonMark as prettier writes it; no second copy of a doc's
 * content lives in a test.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export const readDoc = (name: string) => fs.readFileSync(path.join(repoRoot, 'docs', name), 'utf8');

export type CodeBlock = { lang: string; info: Record<string, string>; code: string; line: number };

/** Every top-level fenced block (``` or ~~~): its language, `key=value` words of the info string, and its text. */
export function codeBlocks(markdown: string): CodeBlock[] {
  const lines = markdown.split('\n');
  const blocks: CodeBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(`{3,}|~{3,})\s*([^`\s]*)\s*(.*)$/.exec(lines[i]!);
    if (!open) continue;
    const fence = open[1]!;
    const body: string[] = [];
    let j = i + 1;
    const closes = (l: string) => {
      const m = /^(`{3,}|~{3,})\s*$/.exec(l);
      return !!m && m[1]![0] === fence[0] && m[1]!.length >= fence.length;
    };
    while (j < lines.length && !closes(lines[j]!)) body.push(lines[j++]!);
    if (j >= lines.length) throw new Error(`unclosed code block at line ${i + 1}`);
    const info = Object.fromEntries(
      open[3]!
        .split(/\s+/)
        .filter(Boolean)
        .map((w) => (w.includes('=') ? [w.slice(0, w.indexOf('=')), w.slice(w.indexOf('=') + 1)] : [w, ''])),
    );
    blocks.push({ lang: open[2]!, info, code: body.join('\n') + '\n', line: i + 1 });
    i = j;
  }
  return blocks;
}

/** The cells of a pipe table's row, without the outer pipes; `\|` stays a pipe inside a cell. */
const cellsOf = (row: string) =>
  row
    .trim()
    .replace(/^\||\|$/g, '')
    .split(/(?<!\\)\|/)
    .map((c) => c.trim().replace(/\\\|/g, '|'));

export type Table = { header: string[]; rows: string[][] };

/** Every pipe table right under the heading whose text is `heading` (up to the next heading of any level). */
export function tablesUnder(markdown: string, heading: string): Table[] {
  const lines = markdown.split('\n');
  const start = lines.findIndex((l) => /^#{1,6} /.test(l) && l.replace(/^#+ /, '').trim() === heading);
  if (start < 0) throw new Error(`no heading "${heading}"`);
  let end = lines.findIndex((l, i) => i > start && /^#{1,6} /.test(l));
  if (end < 0) end = lines.length;
  const tables: Table[] = [];
  let inCode = false;
  for (let i = start + 1; i < end; i++) {
    if (/^(`{3,}|~{3,})/.test(lines[i]!)) inCode = !inCode;
    if (inCode) continue;
    if (lines[i]!.trim().startsWith('|') && /^\s*\|?\s*:?-{3,}/.test(lines[i + 1] ?? '')) {
      const header = cellsOf(lines[i]!);
      const rows: string[][] = [];
      let k = i + 2;
      while (k < end && lines[k]!.trim().startsWith('|')) rows.push(cellsOf(lines[k++]!));
      tables.push({ header, rows });
      i = k;
    }
  }
  return tables;
}

/** The text between backticks of a cell (`NAME`, `A`, `B` → [NAME, A, B]). */
export const codeSpans = (cell: string) => [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);
