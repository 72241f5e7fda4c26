/**
 * The OpenAPI document: valid OpenAPI 3.1 (swagger-parser), one operation for each exported method of each route file
 * under app/ and a route file for each operation, examples that the handlers' own zod schemas accept, and a response
 * validator that tells a conforming response from one that is not.
 */
import fs from 'node:fs';
import path from 'node:path';
import SwaggerParser from '@apidevtools/swagger-parser';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { problemResponse } from '../http/problem';
import { AppError } from '../errors';
import { buildOpenApiDocument, openApiDocument } from './document';
import { OPERATIONS } from './operations';
import { matchTemplates, responseValidator } from './validate-response';

const ROOT = path.resolve(import.meta.dirname, '../..');
const BASE = 'http://127.0.0.1:3000';
const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

/** Route files that are not part of the described HTTP interface, and why. */
const NOT_DESCRIBED: Record<string, string> = {
  // next-auth's own endpoints (sign-in, callback, session, CSRF) for the operator console's browser session: their
  // shapes are next-auth's, they change with it, and no API client calls them.
  'app/api/auth/[...nextauth]/route.ts': 'next-auth internals of the console session',
  // The console's tRPC transport: typed end to end by the router (server/trpc/), batched, not a REST interface.
  'app/api/trpc/[trpc]/route.ts': "the console's tRPC transport",
};

function routeFiles(dir = path.join(ROOT, 'app')): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return routeFiles(p);
    return e.name === 'route.ts' ? [path.relative(ROOT, p)] : [];
  });
}

/** The HTTP methods a route file exports (`export const GET`, `export function GET`, `export { h as GET }`, `export const { GET } = …`). */
function exportedMethods(file: string): string[] {
  const src = ts.createSourceFile(file, fs.readFileSync(path.join(ROOT, file), 'utf8'), ts.ScriptTarget.Latest, true);
  const names: string[] = [];
  const exported = (n: ts.Node) =>
    ts.canHaveModifiers(n) && !!ts.getModifiers(n)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
  for (const st of src.statements) {
    if (ts.isFunctionDeclaration(st) && exported(st) && st.name) names.push(st.name.text);
    if (ts.isVariableStatement(st) && exported(st)) {
      for (const d of st.declarationList.declarations) {
        if (ts.isIdentifier(d.name)) names.push(d.name.text);
        else if (ts.isObjectBindingPattern(d.name)) for (const el of d.name.elements) names.push(el.name.getText(src));
      }
    }
    if (ts.isExportDeclaration(st) && st.exportClause && ts.isNamedExports(st.exportClause)) {
      for (const el of st.exportClause.elements) names.push(el.name.text);
    }
  }
  return names.filter((n) => METHODS.includes(n));
}

/** `app/v1/rois/[roi_id]/route.ts` → `/v1/rois/{roi_id}`; route groups `(console)` are not in the URL. */
const templateOf = (file: string) =>
  (
    '/' +
    path
      .dirname(file)
      .split(path.sep)
      .slice(1)
      .filter((s) => !/^\(.*\)$/.test(s))
      .map((s) => s.replace(/^\[(?:\.\.\.)?(.+)\]$/, '{$1}'))
      .join('/')
  ).replace(/^\/$/, '/');

describe('the OpenAPI document', () => {
  const doc = buildOpenApiDocument(BASE);

  it('is valid OpenAPI 3.1 (swagger-parser: no error)', async () => {
    const parsed = await SwaggerParser.validate(structuredClone(doc) as never);
    expect((parsed as { openapi: string }).openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths ?? {}).length).toBeGreaterThan(70);
  });

  it('is built once per base URL, and names that URL as its server and token URL', () => {
    expect(openApiDocument(BASE)).toBe(openApiDocument(BASE));
    const other = openApiDocument('https://api.example.org');
    expect(other.servers).toEqual([{ url: 'https://api.example.org', description: 'This server' }]);
    const oauth2 = other.components?.securitySchemes?.oauth2 as { flows: { clientCredentials: { tokenUrl: string } } };
    expect(oauth2.flows.clientCredentials.tokenUrl).toBe('https://api.example.org/oauth/token');
  });

  it('has an operation for each exported method of each route file under app/, and a route for each operation', () => {
    const routes = new Set<string>();
    for (const file of routeFiles()) {
      if (NOT_DESCRIBED[file]) continue;
      for (const m of exportedMethods(file)) routes.add(`${m} ${templateOf(file)}`);
    }
    expect(routes.size).toBeGreaterThan(90);
    const described = new Set(
      Object.entries(doc.paths ?? {}).flatMap(([p, item]) =>
        Object.keys(item ?? {})
          .filter((k) => METHODS.includes(k.toUpperCase()))
          .map((m) => `${m.toUpperCase()} ${p}`),
      ),
    );
    const undescribed = [...routes].filter((r) => !described.has(r)).sort();
    const withoutRoute = [...described].filter((r) => !routes.has(r)).sort();
    expect(undescribed, 'route files with no operation in server/openapi/operations/').toEqual([]);
    expect(withoutRoute, 'operations with no route file/method under app/').toEqual([]);
  });

  it('the exclusions still exist (a removed route must leave the list too)', () => {
    for (const file of Object.keys(NOT_DESCRIBED)) expect(exportedMethods(file).length, file).toBeGreaterThan(0);
  });

  it('the route scan reads every export form', () => {
    expect(exportedMethods('app/api/auth/[...nextauth]/route.ts')).toEqual(['GET', 'POST']);
    expect(exportedMethods('app/api/trpc/[trpc]/route.ts')).toEqual(['GET', 'POST']);
    expect(exportedMethods('app/healthz/route.ts')).toEqual(['GET']);
    expect(exportedMethods('app/downloads/[token]/route.ts')).toEqual(['GET', 'HEAD']);
    expect(templateOf('app/v1/rois/[roi_id]/route.ts')).toBe('/v1/rois/{roi_id}');
    expect(templateOf('app/api/auth/[...nextauth]/route.ts')).toBe('/api/auth/{nextauth}');
  });

  it('has unique operation ids, a summary and tags everywhere, and the scopes of each bearer operation', () => {
    const ids = OPERATIONS.map((o) => o.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const op of OPERATIONS) {
      const o = (doc.paths![op.path] as Record<string, { summary?: string; tags?: string[]; security?: unknown[] }>)[op.method]!;
      expect(o.summary, op.operationId).toBeTruthy();
      expect(o.tags?.length, op.operationId).toBeGreaterThan(0);
      if (op.access.kind === 'bearer') {
        expect(o.security).toEqual([{ bearer: [...op.access.scopes] }, { oauth2: [...op.access.scopes] }]);
        expect(Object.keys((o as { responses: object }).responses)).toContain('401');
      } else expect(o.security?.length ?? 0, op.operationId).not.toBe(1);
    }
  });

  it("every JSON body example is accepted by the document's schema and by the handler's zod schema", () => {
    const ajv = addFormats(new Ajv2020({ strict: false, allErrors: true, validateSchema: false }));
    ajv.addSchema({ ...doc, $id: 'urn:clcplus:doc' });
    let checked = 0;
    for (const op of OPERATIONS) {
      if (!op.body?.examples || (op.body.contentType ?? 'application/json') !== 'application/json') continue;
      const pointer = `/paths/${op.path.replace(/~/g, '~0').replace(/\//g, '~1')}/${op.method}/requestBody/content/application~1json/schema`;
      const validate = ajv.compile({ $ref: `urn:clcplus:doc#${pointer}` });
      for (const [name, ex] of Object.entries(op.body.examples)) {
        expect(validate(ex.value), `${op.operationId} ${name}: ${ajv.errorsText(validate.errors)}`).toBe(true);
        // POST /v1/services/{service}: the example of a service is its own schema's (the path names the service).
        const schema = op.operationId === 'startService' ? undefined : op.body.schema;
        if (schema) expect(schema.safeParse(ex.value).error, `${op.operationId} ${name}`).toBeUndefined();
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(25);
  });

  it('describes each catalogue service’s parameters in the body of POST /v1/services/{service}', () => {
    const body = (
      doc.paths!['/v1/services/{service}'] as {
        post: { requestBody: { content: Record<string, { schema: { anyOf: { $ref: string }[] } }> } };
      }
    ).post.requestBody.content['application/json']!.schema;
    const refs = body.anyOf.map((s) => s.$ref);
    expect(refs).toContain('#/components/schemas/ServiceParams.harmonics');
    expect(refs).toContain('#/components/schemas/ServiceParams.vector_class_attribution');
  });
});

describe('the response validator', () => {
  const doc = buildOpenApiDocument(BASE);
  const check = responseValidator(doc);
  const json = (body: unknown) => JSON.stringify(body);

  it('matches the most literal template first', () => {
    expect(matchTemplates(doc, '/v1/services/order_status/abc')[0]).toBe('/v1/services/order_status/{order_id}');
    expect(matchTemplates(doc, '/v1/services/harmonics?x=1')).toEqual(['/v1/services/{service}']);
    expect(check.operationOf('GET', '/v1/no/such/path')).toBeNull();
  });

  it('accepts a conforming body and a real problem response', async () => {
    const ok = check({
      method: 'GET',
      path: '/healthz',
      status: 200,
      contentType: 'application/json',
      body: json({ status: 'ok', uptimeSeconds: 3 }),
    });
    expect(ok).toEqual([]);
    const res = problemResponse(new AppError('NOT_FOUND', 'roi_id: there is no ROI x', { reason: 'UNKNOWN_ROI' }), {
      requestId: 'req-12345678',
      instance: '/v1/rois/x',
    });
    expect(
      check({
        method: 'GET',
        path: '/v1/rois/x',
        status: 404,
        contentType: res.headers.get('content-type'),
        body: await res.text(),
      }),
    ).toEqual([]);
  });

  it('names what is wrong: a field, an undescribed status or media type, a body where none is described', () => {
    const bad = check({
      method: 'GET',
      path: '/healthz',
      status: 200,
      contentType: 'application/json',
      body: json({ status: 'up' }),
    });
    expect(bad!.join('\n')).toMatch(/GET \/healthz → 200: .*uptimeSeconds.*\n.*\/status /);
    expect(check({ method: 'GET', path: '/healthz', status: 418, contentType: 'application/json', body: '{}' })![0]).toMatch(
      /status not described/,
    );
    expect(check({ method: 'GET', path: '/healthz', status: 200, contentType: 'text/plain', body: 'ok' })![0]).toMatch(
      /content type text\/plain/,
    );
    expect(check({ method: 'DELETE', path: '/v1/rois/x', status: 204, contentType: null, body: 'x' })![0]).toMatch(
      /without a body/,
    );
    const extra = check({
      method: 'GET',
      path: '/v1/products/nations',
      status: 200,
      contentType: 'application/json',
      body: json({ nations: ['Austria'], more: 1 }),
    });
    expect(extra!.join()).toMatch(/additional/);
  });
});
