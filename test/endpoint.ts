/**
 * The endpoint test kit (test/endpoints/, one file per endpoint): the real route handlers of `app/`, called in-process
 * with real requests, on the test file's own database (seeded) and Redis prefix. Tokens come from the real token
 * endpoint (`POST /oauth/token`, HTTP Basic), so every call goes through the bearer guard, the scope check and the
 * one error mapping exactly as over HTTP; only Next.js's HTTP server is left out (playwright/e2e/api/ covers it).
 *
 *   const api = useEndpoint();
 *   const r = await api.call(POST, '/v1/rois', { as: 'user', body: {...} });
 *   api.expectProblem(r, 400, /^geoJSON:/);
 *   await api.unchanged(() => api.call(POST, '/v1/rois', { as: 'user', body: {} }));  // bad input writes nothing
 *
 * Every response the kit receives is checked against the OpenAPI document (/openapi.json, server/openapi/): when the
 * route file's exported method that handled it has an operation there, its status, media type and JSON body must be
 * the ones described, or the test fails naming the difference.
 *
 * Callers: `admin` (scope admin), `user` and `other` (user get_product, two customers), `reader` (get_product only),
 * `stranger` (product_qc: a valid token no REST endpoint accepts); `api.client(name, scopes)` makes more.
 * `{ units: true }` loads 2 × 2 production units (10kmE476N278, 10kmE476N279, 10kmE477N278, 10kmE477N279), each with
 * a sub-production unit of its own (SPU_E474N276 holds 10kmE476N278 only). `{ products: true }` adds the products
 * clcplus_raster 2018 and 2021 and clcplus_vector 2021, each with one store group over central Europe, and gives
 * Austria a rectangular boundary (orders are accepted and queued; no worker runs here). `{ airflow: true }` configures
 * the Airflow connection `default` (at 127.0.0.1:9, where nothing listens), so Airflow-backed services may be created
 * and started.
 */
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { products, storeGroups } from '~/db/schema';
import { saveAirflowConnection } from '~/server/airflow/save-connection';
import { boundsToPolygon } from '~/server/storage/grid';
import { beforeAll, expect } from 'vitest';
import * as tokenRoute from '~/app/oauth/token/route';
import { seedDatabase } from '~/db/seed/seed-database';
import { createKeyStore } from '~/server/auth/key-store';
import { createClient } from '~/server/clients/create-client';
import { authConfigFromEnv, provideAppDeps, type AppDeps } from '~/server/deps';
import { env, publicUrl } from '~/server/env.js';
import { createQueues } from '~/server/queue/enqueue';
import { openApiDocument } from '~/server/openapi/document';
import {
  matchTemplates,
  responseValidator,
  type OperationMatch,
  type ResponseValidator,
} from '~/server/openapi/validate-response';
import { loadUnits } from '~/server/storage/load-units';
import { useTestDatabase } from './db';
import { useTestRedis } from './redis';

type RouteContext = { params: Promise<Record<string, string>> };
export type RouteHandler = (req: Request, ctx?: RouteContext) => Promise<Response>;

export type TestClient = {
  name: string;
  clientId: string;
  clientSecret: string;
  /** The api_clients row id (orders' owner). */
  id: string;
  customerId: string;
  scopes: string[];
  token: string;
};

export type CallResult = {
  status: number;
  headers: Headers;
  text: string;
  /** The body parsed as JSON (undefined when empty or not JSON). */
  json: any; // eslint-disable-line @typescript-eslint/no-explicit-any
};

export type CallOptions = {
  /** A caller's name, a raw bearer token, or null for no Authorization header (default: no header). */
  as?: string | null;
  token?: string;
  method?: string;
  /** Serialised as JSON unless `raw` is given. */
  body?: unknown;
  raw?: string | Uint8Array;
  headers?: Record<string, string>;
  /** Route parameters (`[client_id]` → `{ client_id }`); taken from the path's segments when left out. */
  params?: Record<string, string>;
};

export const STANDARD_CALLERS = {
  admin: ['admin'],
  user: ['user', 'get_product'],
  other: ['user', 'get_product'],
  reader: ['get_product'],
  /** A valid token whose only scope (product_qc) no REST endpoint accepts: the wrong-scope caller. */
  stranger: ['product_qc'],
} as const;

export const UNITS = ['10kmE476N278', '10kmE476N279', '10kmE477N278', '10kmE477N279'] as const;
export const SPU = 'SPU_E474N276';

/** The store's extent for `{ products: true }`: central Europe in EPSG:3035 (Vienna, Austria, the demo areas). */
const EUROPE = { minX: 4_000_000, minY: 2_400_000, maxX: 5_200_000, maxY: 3_200_000 };

const ROOT = path.resolve(import.meta.dirname, '..');
const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'];
let conformance: ResponseValidator | undefined;

/**
 * The operation a handler serves: among the document's templates that match the path, the one whose route file
 * (`/v1/rois/{roi_id}` → app/v1/rois/[roi_id]/route.ts) exports this very handler, under that method's name. The
 * request's method is not used: a test may call a DELETE handler with a GET request.
 */
const served = new Map<RouteHandler, Map<string, OperationMatch | null>>();

async function operationServedBy(handler: RouteHandler, requestPath: string): Promise<OperationMatch | null> {
  // A handler called with paths of the same templates always serves the same operation: looked up once.
  const doc = openApiDocument(publicUrl(env));
  const templates = matchTemplates(doc, requestPath);
  const byTemplates = served.get(handler) ?? served.set(handler, new Map()).get(handler)!;
  const key = templates.join('|');
  if (!byTemplates.has(key)) byTemplates.set(key, await findOperation(doc, handler, templates));
  return byTemplates.get(key)!;
}

async function findOperation(
  doc: ReturnType<typeof openApiDocument>,
  handler: RouteHandler,
  templates: string[],
): Promise<OperationMatch | null> {
  for (const template of templates) {
    const file = path.join(ROOT, 'app', ...template.split('/').map((s) => s.replace(/^\{(.+)\}$/, '[$1]')), 'route.ts');
    if (!fs.existsSync(file)) continue;
    const mod = (await import(/* @vite-ignore */ file)) as Record<string, unknown>;
    const method = METHODS.find((m) => mod[m] === handler);
    if (method && (doc.paths?.[template] as Record<string, unknown> | undefined)?.[method.toLowerCase()])
      return { template, method: method.toLowerCase() };
  }
  return null;
}

/** Fails the test when the response is not what the document describes for the operation that answered it. */
async function expectConformance(handler: RouteHandler, requestPath: string, res: Response, text: string) {
  const op = await operationServedBy(handler, requestPath);
  if (!op) return;
  conformance ??= responseValidator(openApiDocument(publicUrl(env)));
  const problems = conformance(
    { method: op.method, path: requestPath, status: res.status, contentType: res.headers.get('content-type'), body: text },
    op,
  );
  expect(problems, `the response differs from /openapi.json:\n${text.slice(0, 2000)}`).toEqual([]);
}

export function useEndpoint(opts: { units?: boolean; products?: boolean; airflow?: boolean } = {}) {
  const t = useTestDatabase();
  const r = useTestRedis();
  const base = publicUrl(env);
  const clients: Record<string, TestClient> = {};
  let deps: AppDeps;

  const call = async (handler: RouteHandler, path: string, o: CallOptions = {}): Promise<CallResult> => {
    const headers = new Headers(o.headers);
    const token = o.token ?? (o.as ? clients[o.as]?.token : undefined);
    if (o.as && !token) throw new Error(`no test client ${o.as}`);
    if (token) headers.set('authorization', `Bearer ${token}`);
    let body: string | Uint8Array | undefined;
    if (o.raw !== undefined) body = o.raw;
    else if (o.body !== undefined) {
      body = JSON.stringify(o.body);
      if (!headers.has('content-type')) headers.set('content-type', 'application/json');
    }
    // As an HTTP client would send it (some handlers read a body only when one is announced).
    if (body !== undefined && !headers.has('content-length'))
      headers.set('content-length', String(typeof body === 'string' ? Buffer.byteLength(body) : body.byteLength));
    const method = o.method ?? (body === undefined ? 'GET' : 'POST');
    const req = new Request(new URL(path, base), { method, headers, body: body as BodyInit | undefined });
    const res = await handler(req, { params: Promise.resolve(o.params ?? {}) });
    const text = await res.text();
    await expectConformance(handler, path, res, text);
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return { status: res.status, headers: res.headers, text, json };
  };

  /** A client of a customer of its own with these scopes, and a token from the real token endpoint. */
  const client = async (name: string, scopes: readonly string[]): Promise<TestClient> => {
    const { client: c, clientSecret } = await createClient(t.db, { name, scopes: [...scopes] }, { type: 'system', id: 'test' });
    const res = await call(tokenRoute.POST as RouteHandler, '/oauth/token', {
      method: 'POST',
      raw: 'grant_type=client_credentials',
      headers: {
        authorization: `Basic ${Buffer.from(`${encodeURIComponent(c.clientId)}:${encodeURIComponent(clientSecret)}`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
    });
    if (res.status !== 200) throw new Error(`token for ${name}: ${res.status} ${res.text}`);
    const made: TestClient = {
      name,
      clientId: c.clientId,
      clientSecret,
      id: c.id,
      customerId: c.customerId!,
      scopes: [...scopes],
      token: res.json.access_token,
    };
    clients[name] = made;
    return made;
  };

  beforeAll(async () => {
    await seedDatabase(t.db, { adminEmail: 'admin@example.org' });
    if (opts.units) await loadUnits(t.db, { minX: 4_760_000, minY: 2_780_000, maxX: 4_780_000, maxY: 2_800_000 });
    const auth = authConfigFromEnv();
    if (opts.products) {
      for (const [code, year, kind] of [
        ['clcplus_raster', 2018, 'raster'],
        ['clcplus_raster', 2021, 'raster'],
        ['clcplus_vector', 2021, 'vector'],
      ] as const) {
        const [p] = await t.db
          .insert(products)
          .values({ code, referenceYear: year, kind, title: `${code} ${year}`, storeLocation: `${code}/${year}` })
          .returning();
        await t.db
          .insert(storeGroups)
          .values({ productId: p!.id, groupName: 'EU', filePath: `${code}/${year}/eu`, extent: boundsToPolygon(EUROPE) });
      }
      await t.db.execute(
        sql`update nations set boundary = ST_Multi(ST_MakeEnvelope(9.5, 46.4, 17.2, 49.0, 4326)) where name = 'Austria'`,
      );
    }
    if (opts.airflow) {
      await saveAirflowConnection(
        { db: t.db, encryptionKey: auth.encryptionKey },
        { name: 'default', url: 'http://127.0.0.1:9', apiVersion: 'v1', username: 'airflow', password: 'pw' },
      );
    }
    deps = {
      db: t.db,
      redis: r.redis,
      queues: createQueues(r.redis, r.prefix),
      queuePrefix: r.prefix,
      keys: createKeyStore(t.db, { encryptionKey: auth.encryptionKey, tokenTtlSeconds: auth.tokenTtlSeconds }),
      auth,
    };
    provideAppDeps(deps);
    for (const [name, scopes] of Object.entries(STANDARD_CALLERS)) await client(name, scopes);
  });

  /** A fingerprint of every table's content (row order independent); spatial_ref_sys and migrations left out. */
  const fingerprint = async (): Promise<Record<string, string>> => {
    const tables = await t.db.execute<{ name: string }>(sql`
      select table_name as name from information_schema.tables
      where table_schema = 'public' and table_type = 'BASE TABLE' and table_name not in ('spatial_ref_sys')
      order by 1`);
    const out: Record<string, string> = {};
    for (const { name } of tables) {
      const [row] = await t.db.execute<{ h: string | null; n: number }>(
        sql`select md5(coalesce(string_agg(x::text, '|' order by x::text), '')) as h, count(*)::int as n from ${sql.identifier(name)} x`,
      );
      out[name] = `${row!.n}:${row!.h}`;
    }
    return out;
  };

  return {
    get db() {
      return t.db;
    },
    get deps() {
      return deps;
    },
    redis: r,
    clients,
    client,
    call,
    /** Runs `fn` and checks that no table changed (bad input, refused callers); returns what `fn` returned. */
    async unchanged<T>(fn: () => Promise<T>): Promise<T> {
      const before = await fingerprint();
      const result = await fn();
      const after = await fingerprint();
      const changed = Object.keys(after).filter((k) => after[k] !== before[k]);
      expect(changed, 'tables written by a refused request').toEqual([]);
      return result;
    },
    /** A problem+json answer with this status and a `detail` matching `detail`. */
    expectProblem(res: CallResult, status: number, detail?: RegExp) {
      expect({ status: res.status, type: res.headers.get('content-type') }, res.text).toEqual({
        status,
        type: 'application/problem+json',
      });
      expect(res.json).toMatchObject({ status, type: expect.stringMatching(/^https:\/\//), title: expect.any(String) });
      if (detail) expect(res.json.detail).toMatch(detail);
      expect(res.text).not.toMatch(/\n\s+at /); // never a stack trace
    },
  };
}
export type EndpointKit = ReturnType<typeof useEndpoint>;
