/**
 * The SSRF guard (check-destination.ts) and the URL field (webhook-url.ts): loopback, private, link-local (cloud
 * metadata), CGNAT, IPv6 loopback and unique-local, IPv4-mapped IPv6, a host name resolving to loopback, plain http
 * to a public host, other schemes and credentials are refused, each naming the field and the reason; the allow-list
 * lets an operator's hosts through; and the sender connects to the checked address only (DNS rebinding).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAppError } from '../errors';
import { checkDestination } from './check-destination';
import { postWebhook } from './post-webhook';
import { parseAllowList } from './settings';
import { readCallbackUrl, webhookUrl } from './webhook-url';

const none = parseAllowList('');
const local = parseAllowList('127.0.0.1');

async function refusal(url: string, allow = none, field = 'callback_url') {
  const e = await checkDestination(url, allow, field).then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(isAppError(e), `${url} was accepted`).toBe(true);
  return { status: (e as { status: number }).status, detail: (e as { detail: string }).detail };
}

describe('checkDestination', () => {
  it.each([
    ['http://127.0.0.1:8080/hook', /^callback_url: 127\.0\.0\.1 is a loopback address/],
    ['https://10.0.0.5/hook', /^callback_url: 10\.0\.0\.5 is a private address \(RFC 1918\)/],
    ['https://172.16.3.4/', /172\.16\.3\.4 is a private address/],
    ['https://192.168.1.1/', /192\.168\.1\.1 is a private address/],
    ['http://169.254.169.254/latest/meta-data/', /169\.254\.169\.254 is a link-local address .*cloud metadata/],
    ['https://100.64.0.1/', /100\.64\.0\.1 is a carrier-grade NAT address/],
    ['https://[::1]/hook', /::1 is a loopback address/],
    ['https://[fd00::1]/', /fd00::1 is a private address \(IPv6 unique local/],
    ['https://[fe80::1]/', /fe80::1 is a link-local address/],
    ['https://[::ffff:127.0.0.1]/', /is a loopback address/],
    ['https://0.0.0.0/', /0\.0\.0\.0 is the unspecified address/],
    ['https://224.0.0.1/', /224\.0\.0\.1 is a multicast address/],
    // The URL parser reads these as 127.0.0.1 (as a connection would): no way around the check.
    ['https://2130706433/', /127\.0\.0\.1 is a loopback address/],
    ['https://0x7f.1/', /127\.0\.0\.1 is a loopback address/],
  ])('refuses %s (422, naming the field and why)', async (url, why) => {
    const r = await refusal(url);
    expect(r.status).toBe(422);
    expect(r.detail).toMatch(why);
    expect(r.detail).toMatch(/WEBHOOK_ALLOWED_HOSTS/);
  });

  it('refuses a host name that resolves to loopback (localhost), naming the address', async () => {
    const r = await refusal('https://localhost:9999/hook', none, 'url');
    expect(r).toMatchObject({
      status: 422,
      detail: expect.stringMatching(/^url: localhost resolves to (127\.0\.0\.1|::1), a loopback address/),
    });
  });

  it('refuses a host that does not resolve', async () => {
    const r = await refusal('https://no-such-host.invalid/hook');
    expect(r).toMatchObject({ status: 422, detail: expect.stringMatching(/no-such-host\.invalid does not resolve/) });
  });

  it('refuses plain http to a public address; accepts https to one', async () => {
    expect((await refusal('http://93.184.215.14/hook')).detail).toMatch(/^callback_url: use https/);
    const ok = await checkDestination('https://93.184.215.14/hook', none, 'url');
    expect(ok).toMatchObject({ allowListed: false, addresses: [{ address: '93.184.215.14', family: 4 }] });
  });

  it('lets allow-listed addresses, ranges and host names through, plain http included', async () => {
    expect((await checkDestination('http://127.0.0.1:8080/', local, 'url')).allowListed).toBe(true);
    expect((await checkDestination('http://10.1.2.3/', parseAllowList('10.1.0.0/16'), 'url')).allowListed).toBe(true);
    expect((await checkDestination('http://[::1]:8080/', parseAllowList('[::1]'), 'url')).allowListed).toBe(true);
    expect((await checkDestination('http://localhost:8080/', parseAllowList('LocalHost'), 'url')).allowListed).toBe(true);
    // Listing 127.0.0.1 does not allow the rest of the network.
    expect((await refusal('http://127.0.0.2/', local)).detail).toMatch(/127\.0\.0\.2 is a loopback address/);
    expect((await refusal('http://10.1.2.3/', parseAllowList('10.2.0.0/16'))).detail).toMatch(/private/);
  });

  it('connects to the checked address, not to what the name resolves to later (DNS rebinding)', async () => {
    const seen: string[] = [];
    const server = http.createServer((req, res) => {
      seen.push(`${req.headers.host} ${req.url}`);
      res.writeHead(204).end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    try {
      // The check's resolver answers 127.0.0.1 (allow-listed); the name does not resolve anywhere else, so only the
      // pinned address can have been used for the connection.
      const out = await postWebhook({
        url: `http://rebind.invalid:${port}/hook`,
        body: '{}',
        headers: {},
        allowList: local,
        timeoutMs: 5_000,
        resolve: async () => [{ address: '127.0.0.1', family: 4 }],
      });
      expect(out).toMatchObject({ statusCode: 204, error: null });
      expect(seen).toEqual([`rebind.invalid:${port} /hook`]);
      // A resolver that answers a private address is refused before any connection.
      const refusedOut = await postWebhook({
        url: `http://rebind.invalid:${port}/hook`,
        body: '{}',
        headers: {},
        allowList: none,
        timeoutMs: 5_000,
        resolve: async () => [{ address: '10.0.0.7', family: 4 }],
      });
      expect(refusedOut).toMatchObject({
        statusCode: null,
        refused: true,
        error: expect.stringMatching(/10\.0\.0\.7, a private address/),
      });
      expect(seen).toHaveLength(1);
    } finally {
      server.close();
    }
  });
});

describe('postWebhook', () => {
  let server: http.Server;
  let base: string;
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      if (req.url === '/redirect') return res.writeHead(302, { location: '/elsewhere' }).end();
      if (req.url === '/slow') return void setTimeout(() => res.writeHead(200).end(), 3_000);
      if (req.url === '/big') return res.writeHead(500, { 'content-type': 'text/plain' }).end('x'.repeat(100_000));
      res.writeHead(200).end('ok');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => server.close());
  const post = (path: string, timeoutMs = 5_000) =>
    postWebhook({ url: `${base}${path}`, body: '{}', headers: {}, allowList: local, timeoutMs });

  it('follows no redirect, bounds the answer to 1 KB and the attempt to its timeout', async () => {
    expect(await post('/redirect')).toMatchObject({ statusCode: 302, error: null });
    const big = await post('/big');
    expect(big.statusCode).toBe(500);
    expect(big.response).toHaveLength(1024);
    const slow = await post('/slow', 300);
    expect(slow).toMatchObject({ statusCode: null, error: 'no answer within 0.3 s' });
    expect(slow.durationMs).toBeLessThan(2_000);
  });

  it('records a refused connection as an error', async () => {
    const out = await postWebhook({ url: 'http://127.0.0.1:1/', body: '{}', headers: {}, allowList: local, timeoutMs: 5_000 });
    expect(out).toMatchObject({ statusCode: null, error: expect.stringMatching(/ECONNREFUSED/) });
  });
});

describe('the URL field', () => {
  it.each([
    ['ftp://', 'ftp://example.org/hook', /only http\(s\) URLs/],
    ['credentials', 'https://user:pw@example.org/hook', /no user name or password/],
    ['a user name', 'https://token@example.org/hook', /no user name or password/],
    ['a relative URL', 'example.org/hook', /not a URL/],
    ['a URL of 2,100 characters', `https://example.org/${'a'.repeat(2100)}`, /at most 2048/i],
  ])('refuses %s', (_what, url, why) => {
    const r = webhookUrl.safeParse(url);
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.message).toMatch(why);
  });

  it('names callback_url when read from a body', () => {
    expect(readCallbackUrl(undefined)).toBeUndefined();
    expect(readCallbackUrl('https://example.org/h')).toBe('https://example.org/h');
    expect(() => readCallbackUrl('ftp://example.org/h')).toThrow(/^callback_url: only http\(s\) URLs/);
    expect(() => readCallbackUrl(42)).toThrow(/^callback_url: /);
  });
});
