/**
 * docs/admin-guide.md against the configuration schema (server/env.js): its table names every variable of the
 * schema exactly once and nothing else, with the schema's default where the schema has a plain one.
 */
import { describe, expect, it } from 'vitest';
import { envSchema } from '~/server/env.js';
import { codeSpans, readDoc, tablesUnder } from './markdown';

const [table, ...others] = tablesUnder(readDoc('admin-guide.md'), 'Configuration variables');

describe('docs/admin-guide.md', () => {
  it('has one configuration table: Variable, Default, Meaning', () => {
    expect(others).toHaveLength(0);
    expect(table!.header).toEqual(['Variable', 'Default', 'Meaning']);
  });

  it('lists every variable of the schema, once, and none the schema lacks', () => {
    const listed = table!.rows.flatMap((r) => codeSpans(r[0]!));
    const schema = Object.keys(envSchema.shape);
    expect(
      listed.filter((v, i) => listed.indexOf(v) !== i),
      'listed twice',
    ).toEqual([]);
    expect(
      schema.filter((v) => !listed.includes(v)),
      'in server/env.js but not in the guide',
    ).toEqual([]);
    expect(
      listed.filter((v) => !schema.includes(v)),
      'in the guide but not in server/env.js',
    ).toEqual([]);
  });

  it('gives the schema’s default for every variable that has a fixed one', () => {
    // Defaults that depend on the machine (the number of cores) are described in words.
    const computed = new Set(['WEB_CONCURRENCY', 'WORKER_CPU_SLOTS']);
    let checked = 0;
    for (const [cell, dflt] of table!.rows) {
      const name = codeSpans(cell!)[0]!;
      if (computed.has(name)) continue;
      const field = envSchema.shape[name as keyof typeof envSchema.shape];
      const parsed = field.safeParse(undefined);
      if (!parsed.success || parsed.data === undefined) continue; // required or optional: no fixed default
      const raw = (field as { def?: { defaultValue?: unknown; in?: { def?: { defaultValue?: unknown } } } }).def;
      const value = raw?.defaultValue ?? raw?.in?.def?.defaultValue ?? parsed.data;
      if (value === '') expect(dflt, `default of ${name}`).toBe('empty');
      else expect(codeSpans(dflt!)[0], `default of ${name}`).toBe(String(value));
      checked++;
    }
    expect(checked).toBeGreaterThan(30);
  });
});
