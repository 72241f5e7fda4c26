/**
 * `/ogc/api` (the oas30 class): a valid OpenAPI 3.0 document (swagger-parser validates 3.0 against its own schema),
 * holding exactly the /ogc operations of /openapi.json, with no 3.1-only spelling left in any schema.
 */
import SwaggerParser from '@apidevtools/swagger-parser';
import { describe, expect, it } from 'vitest';
import { openApiDocument } from './document';
import { ogcApiDefinition } from './ogc-api-definition';

const BASE = 'http://127.0.0.1:3000';
const doc = ogcApiDefinition(BASE);

/** Every value under `o`, with its path. */
function* walk(o: unknown, at = ''): Generator<[string, string, unknown]> {
  if (!o || typeof o !== 'object') return;
  for (const [k, v] of Object.entries(o)) {
    yield [at, k, v];
    yield* walk(v, `${at}/${k}`);
  }
}

describe('GET /ogc/api', () => {
  it('is valid OpenAPI 3.0 (swagger-parser: no error)', async () => {
    expect(doc.openapi).toBe('3.0.3');
    await expect(SwaggerParser.validate(structuredClone(doc) as never)).resolves.toBeTruthy();
  });

  it('has the /ogc operations of /openapi.json, and only those', () => {
    const full = openApiDocument(BASE);
    const ops = (paths: Record<string, unknown>) =>
      Object.entries(paths).flatMap(([p, item]) => Object.keys(item as object).map((m) => `${m.toUpperCase()} ${p}`));
    const expected = ops(full.paths as Record<string, unknown>).filter((o) => / \/ogc(\/|$)/.test(o));
    expect(expected.length).toBeGreaterThanOrEqual(10);
    expect(ops(doc.paths as Record<string, unknown>).sort()).toEqual(expected.sort());
  });

  it('spells schemas the 3.0 way: no type lists, const, examples arrays, $defs or dangling $ref', () => {
    const bad: string[] = [];
    for (const [at, k, v] of walk(doc.paths)) {
      if (!at.includes('/schema')) continue;
      if (k === 'type' && Array.isArray(v)) bad.push(`${at}: type list`);
      if (k === 'const' || k === '$defs' || k === 'prefixItems' || k === '$schema') bad.push(`${at}: ${k}`);
      if (k === '$ref') bad.push(`${at}: $ref ${String(v)}`);
    }
    expect(bad).toEqual([]);
    const execute = (doc.paths as Record<string, Record<string, { requestBody?: unknown }>>)[
      '/ogc/processes/{processId}/execution'
    ];
    expect(execute?.post?.requestBody).toBeTruthy();
  });
});
