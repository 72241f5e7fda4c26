/**
 * Hostile requests at the real web server (scripts/web.ts over the production build), sent byte for byte with
 * node:http so nothing in between cleans them up: text PostgreSQL cannot store and bytes that are not UTF-8 get the
 * endpoint's 4xx, never a 500; a forged X-Forwarded-For (or a forged peer header) does not change the client address
 * the server records.
 */
import http from 'node:http';
import { expect, test } from '@playwright/test';
import postgres from 'postgres';
import { env } from '~/server/env.js';
import { newClient } from '~/playwright/fixtures/cli';

let sql: postgres.Sql;
test.beforeAll(() => {
  sql = postgres(env.DATABASE_URL, { max: 1, onnotice: () => {} });
});
test.afterAll(() => sql.end());

type Raw = { status: number; headers: http.IncomingHttpHeaders; body: string };

/** One request exactly as given (headers and body bytes untouched). */
function send(baseURL: string, method: string, path: string, headers: Record<string, string>, body?: Buffer): Promise<Raw> {
  const url = new URL(path, baseURL);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        method,
        path,
        headers: { ...headers, ...(body ? { 'content-length': body.length } : {}) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const basic = (bytes: Buffer) => `Basic ${bytes.toString('base64')}`;
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const grant = Buffer.from('grant_type=client_credentials');

test.describe('text that cannot be stored, at the token endpoint', () => {
  const cases: { name: string; headers: Record<string, string>; body: Buffer; status: number; error: string }[] = [
    {
      name: 'a NUL in the client id (HTTP Basic, percent-encoded)',
      headers: { authorization: basic(Buffer.from('abc%00def:secret')) },
      body: grant,
      status: 401,
      error: 'invalid_client',
    },
    {
      name: 'a raw NUL in the client id (HTTP Basic)',
      headers: { authorization: basic(Buffer.from('abc\u0000def:secret')) },
      body: grant,
      status: 401,
      error: 'invalid_client',
    },
    {
      name: 'bytes that are not UTF-8 in the client id (HTTP Basic)',
      headers: { authorization: basic(Buffer.concat([Buffer.from('ab'), Buffer.from([0xff]), Buffer.from(':secret')])) },
      body: grant,
      status: 401,
      error: 'invalid_client',
    },
    {
      name: 'a NUL in the client id (form)',
      headers: {},
      body: Buffer.from('grant_type=client_credentials&client_id=abc%00def&client_secret=x'),
      status: 400,
      error: 'invalid_request',
    },
    {
      name: 'a percent-escape that is not UTF-8 (form)',
      headers: {},
      body: Buffer.from('grant_type=client_credentials&client_id=%FF%FE&client_secret=x'),
      status: 400,
      error: 'invalid_request',
    },
    {
      name: 'raw bytes that are not UTF-8 (form)',
      headers: {},
      body: Buffer.concat([
        Buffer.from('grant_type=client_credentials&client_id='),
        Buffer.from([0xc3, 0x28]),
        Buffer.from('&client_secret=x'),
      ]),
      status: 400,
      error: 'invalid_request',
    },
  ];
  for (const c of cases) {
    test(`${c.name} → ${c.status} ${c.error}`, async ({ baseURL }) => {
      const r = await send(baseURL!, 'POST', '/oauth/token', { ...FORM, ...c.headers }, c.body);
      expect(r.status).toBe(c.status);
      expect(JSON.parse(r.body).error).toBe(c.error);
    });
  }

  test('the legacy token endpoint: a NUL in user_id → 400 problem+json', async ({ baseURL }) => {
    const body = Buffer.from('{"user_id": "abc\\u0000def", "client_secret": "x"}');
    const r = await send(baseURL!, 'POST', '/v1/auth/get_bearer_token', { 'content-type': 'application/json' }, body);
    expect(r.status).toBe(400);
    expect(r.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(JSON.parse(r.body).detail).toBe('body user_id: contains a NUL character (U+0000), which cannot be stored');
  });
});

test.describe('text that cannot be stored, in paths and queries', () => {
  test('a NUL in a path parameter → 400 naming it, for an admin and for nobody', async ({ baseURL, request }) => {
    const c = newClient('admin');
    const token = (
      await (
        await request.post('/oauth/token', {
          form: { grant_type: 'client_credentials', client_id: c.client_id, client_secret: c.client_secret },
        })
      ).json()
    ).access_token;
    for (const path of ['/v1/auth/clients/abc%00def', '/v1/services/order_status/abc%00def']) {
      const r = await send(baseURL!, 'GET', path, { authorization: `Bearer ${token}` });
      expect(r.status, path).toBe(400);
      expect(JSON.parse(r.body).detail).toMatch(/^path parameter \w+: contains a NUL character/);
      const anonymous = await send(baseURL!, 'GET', path, {});
      expect(anonymous.status, path).toBeLessThan(500);
    }
    const q = await send(baseURL!, 'GET', '/v1/auth/clients?x=a%00b', { authorization: `Bearer ${token}` });
    expect(q.status).toBe(400);
    expect(JSON.parse(q.body).detail).toBe('query parameter "x": contains a NUL character (U+0000), which cannot be stored');
    // An escape that is not UTF-8 in the query reaches the app already repaired by Next.js (U+FFFD), which is storable.
    const repaired = await send(baseURL!, 'GET', '/v1/auth/clients?x=%C3', { authorization: `Bearer ${token}` });
    expect(repaired.status).toBe(200);
  });
});

test.describe('the client address', () => {
  test('a forged X-Forwarded-For or peer header does not change the address the server records', async ({ baseURL }) => {
    const c = newClient('get_product');
    const requestId = `forged-${Date.now()}`;
    const r = await send(
      baseURL!,
      'POST',
      '/oauth/token',
      {
        ...FORM,
        authorization: basic(Buffer.from(`${c.client_id}:${c.client_secret}`)),
        'x-forwarded-for': '6.6.6.6',
        'x-real-ip': '6.6.6.7',
        'x-clcplus-peer-address': '6.6.6.8',
        'x-request-id': requestId,
      },
      grant,
    );
    expect(r.status).toBe(200);
    const rows = await sql<{ ip: string }[]>`select host(ip) as ip from audit_log where request_id = ${requestId}`;
    expect(rows.map((x) => x.ip)).toEqual(['127.0.0.1']);
  });
});
