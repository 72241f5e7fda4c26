/**
 * Checks a response against the OpenAPI document: is its status described for the operation, is its media type one
 * the document names, and does its JSON body match the response schema (JSON Schema 2020-12, ajv 8 with formats).
 * The endpoint test kit (test/endpoint.ts) runs it on every response it receives; the e2e specs on real HTTP ones.
 *
 *   const check = responseValidator(doc);
 *   const problems = check({ method: 'GET', path: '/v1/rois/…', status: 200, contentType, body: text });
 */
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

/** An OpenAPI document (only its paths are read). */
type Doc = object;
type Paths = Record<string, Record<string, unknown> | undefined>;
const pathsOf = (doc: Doc): Paths => (doc as { paths?: Paths }).paths ?? {};
type MediaObject = { schema?: unknown };
type ResponseObject = { content?: Record<string, MediaObject> };
type OperationObject = { responses?: Record<string, ResponseObject> };

export type ResponseToCheck = {
  method: string;
  /** The request path, with or without a query string. */
  path: string;
  status: number;
  contentType: string | null;
  /** The body as text ('' when empty). */
  body: string;
};

export type OperationMatch = { template: string; method: string };

const ROOT_ID = 'urn:clcplus:openapi';
const escapePointer = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');

/** The path templates of the document that match a concrete path, the most literal first (fewest parameters). */
export function matchTemplates(doc: Doc, path: string): string[] {
  const pathname = path.split('?')[0]!.replace(/\/$/, '') || '/';
  const hits: { template: string; params: number }[] = [];
  for (const template of Object.keys(pathsOf(doc))) {
    const re = new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}$`);
    if (re.test(pathname)) hits.push({ template, params: (template.match(/\{/g) ?? []).length });
  }
  return hits.sort((a, b) => a.params - b.params).map((h) => h.template);
}

const mediaMatches = (described: string, actual: string) => {
  if (described === '*/*') return true;
  const [type, sub] = described.split(';')[0]!.trim().toLowerCase().split('/');
  const [aType, aSub] = actual.split(';')[0]!.trim().toLowerCase().split('/');
  return type === aType && (sub === '*' || sub === aSub);
};

const isJson = (mediaType: string) => /^application\/([\w.+-]*\+)?json\b/i.test(mediaType) || /\+json\b/i.test(mediaType);

export function responseValidator(doc: Doc) {
  // The whole document is the root schema: response schemas are compiled by JSON pointer into it, so their
  // `#/components/schemas/…` references resolve. strict: false lets ajv ignore OpenAPI's own keywords (example…).
  const ajv = addFormats(new Ajv2020({ strict: false, allErrors: true, validateSchema: false }));
  ajv.addSchema({ ...doc, $id: ROOT_ID });
  const compiled = new Map<string, ValidateFunction>();
  const validatorAt = (pointer: string) => {
    let v = compiled.get(pointer);
    if (!v) {
      v = ajv.compile({ $ref: `${ROOT_ID}#${pointer}` });
      compiled.set(pointer, v);
    }
    return v;
  };

  /** The operation a request reaches, or null when the document does not describe it. */
  const operationOf = (method: string, path: string): OperationMatch | null => {
    const m = method.toLowerCase();
    for (const template of matchTemplates(doc, path)) if (pathsOf(doc)[template]?.[m]) return { template, method: m };
    return null;
  };

  /** What is wrong with the response (empty: it conforms); null when the operation is not described. */
  function check(r: ResponseToCheck, op: OperationMatch | null = operationOf(r.method, r.path)): string[] | null {
    if (!op) return null;
    const where = `${op.method.toUpperCase()} ${op.template} → ${r.status}`;
    const operation = pathsOf(doc)[op.template]![op.method] as OperationObject;
    const responses = operation.responses ?? {};
    const key =
      String(r.status) in responses
        ? String(r.status)
        : `${String(r.status)[0]}XX` in responses
          ? `${String(r.status)[0]}XX`
          : 'default';
    const described = responses[key];
    if (!described) return [`${where}: status not described (described: ${Object.keys(responses).join(', ')})`];
    const content = described.content;
    if (!content) return r.body === '' || op.method === 'head' ? [] : [`${where}: described without a body, but has one`];
    if (op.method === 'head') return [];
    const actualType = r.contentType ?? '';
    const mediaType = Object.keys(content).find((t) => mediaMatches(t, actualType));
    if (!mediaType)
      return [`${where}: content type ${actualType || '(none)'} not described (${Object.keys(content).join(', ')})`];
    if (!isJson(mediaType) && !isJson(actualType)) return [];
    let data: unknown;
    try {
      data = JSON.parse(r.body);
    } catch {
      return [`${where}: the body is not JSON`];
    }
    const pointer = `/paths/${escapePointer(op.template)}/${op.method}/responses/${key}/content/${escapePointer(mediaType)}/schema`;
    const validate = validatorAt(pointer);
    if (validate(data)) return [];
    return (validate.errors ?? []).map(
      (e) => `${where}: ${e.instancePath || '(body)'} ${e.message ?? e.keyword} ${JSON.stringify(e.params)}`,
    );
  }

  return Object.assign(check, { operationOf });
}
export type ResponseValidator = ReturnType<typeof responseValidator>;
