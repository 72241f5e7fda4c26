/**
 * Request bodies and parameters: text that PostgreSQL cannot store (NUL, lone surrogates) and bytes that are not
 * UTF-8 are refused with a 400 that says where, before anything reaches a query.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppError } from '../errors';
import { assertStorableRequest, formBody, jsonBody } from './request';

const json = (body: string | Uint8Array<ArrayBuffer>) =>
  new Request('http://x/v1', { method: 'POST', headers: { 'content-type': 'application/json' }, body });
const form = (body: string | Uint8Array<ArrayBuffer>) =>
  new Request('http://x/oauth/token', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body,
  });
const anything = z.unknown();

async function refusal(p: Promise<unknown> | (() => unknown)): Promise<AppError> {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected a refusal');
}

describe('JSON bodies', () => {
  it('keep ordinary text, including astral characters and U+FFFD itself', async () => {
    await expect(jsonBody(json('{"name": "Wien 🏔️ \\ud83c\\udfd4 �"}'), anything)).resolves.toEqual({ name: 'Wien 🏔️ 🏔 �' });
  });

  it.each([
    ['a NUL escape in a value', '{"product": "Raster\\u0000"}', 'body product: contains a NUL character'],
    [
      'a NUL deep inside',
      '{"aoi": {"type": "Polygon", "coordinates": [], "x": ["a", "b\\u0000"]}}',
      'body aoi.x[1]: contains a NUL',
    ],
    ['a NUL in a key', '{"pro\\u0000duct": "Raster"}', 'key "pro\\u0000duct": contains a NUL'],
    ['a lone high surrogate', '{"nation": "Austria\\ud800"}', 'body nation: contains an unpaired UTF-16 surrogate'],
    ['a lone low surrogate', '{"nation": "\\udc00Austria"}', 'body nation: contains an unpaired UTF-16 surrogate'],
  ])('refuse %s', async (_name, body, message) => {
    const e = await refusal(jsonBody(json(body), anything));
    expect([e.code, e.status]).toEqual(['VALIDATION', 400]);
    expect(e.detail).toContain(message);
  });

  it('refuse bytes that are not UTF-8 instead of repairing them', async () => {
    const bytes = new Uint8Array([...Buffer.from('{"nation": "'), 0xc3, 0x28, ...Buffer.from('"}')]);
    const e = await refusal(jsonBody(json(bytes), anything));
    expect(e.detail).toBe('the request body is not valid UTF-8');
  });
});

describe('body size and truncation', () => {
  const streamed = (chunks: Uint8Array[], opts: { failAfter?: boolean } = {}) =>
    new Request('http://x/v1', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      duplex: 'half',
      body: new ReadableStream<Uint8Array>({
        pull(c) {
          const next = chunks.shift();
          if (next) c.enqueue(next);
          else if (opts.failAfter) c.error(new Error('aborted'));
          else c.close();
        },
      }),
    } as RequestInit);

  it('refuses a chunked body (no Content-Length) as soon as it passes the limit, without reading the rest', async () => {
    const chunk = new Uint8Array(64 * 1024).fill(0x20);
    const chunks = Array.from({ length: 40 }, () => chunk); // 2.5 MB, over the 1 MB limit
    const e = await refusal(jsonBody(streamed(chunks), anything));
    expect(e.status).toBe(413);
    expect(chunks.length).toBeGreaterThan(20); // stopped early: more than half was never pulled
  });

  it('answers 400 (not an unhandled error) when the client goes away in the middle of its body', async () => {
    const e = await refusal(jsonBody(streamed([new TextEncoder().encode('{"a":')], { failAfter: true }), anything));
    expect(e.status).toBe(400);
    expect(e.message).toMatch(/ended before it was complete/);
  });

  it('reads a streamed body that stays within the limit', async () => {
    const enc = new TextEncoder();
    expect(await jsonBody(streamed([enc.encode('{"a":'), enc.encode('[1,2]}')]), anything)).toEqual({ a: [1, 2] });
  });
});

describe('form bodies', () => {
  it('decode as before', async () => {
    const f = await formBody(form('grant_type=client_credentials&client_id=a%2Bb+c&scope='));
    expect([...f]).toEqual([
      ['grant_type', 'client_credentials'],
      ['client_id', 'a+b c'],
      ['scope', ''],
    ]);
  });

  it.each([
    ['a NUL in a value', 'grant_type=client_credentials&client_id=abc%00def', 'parameter "client_id": contains a NUL'],
    ['a NUL in a name', 'client%00id=abc', 'a parameter name: contains a NUL'],
    ['an escape that is not UTF-8', 'client_id=%FF%FE', 'parameter "client_id": malformed percent-encoding'],
    ['a broken escape', 'client_id=%E2%82', 'malformed percent-encoding'],
  ])('refuse %s (400 invalid_request)', async (_name, body, message) => {
    const e = await refusal(formBody(form(body)));
    expect([e.code, e.reason]).toEqual(['VALIDATION', 'invalid_request']);
    expect(e.detail).toContain(message);
  });

  it('refuse raw bytes that are not UTF-8', async () => {
    const e = await refusal(formBody(form(new Uint8Array([...Buffer.from('client_id='), 0xff]))));
    expect(e.detail).toBe('the request body is not valid UTF-8');
  });
});

describe('path and query parameters', () => {
  it('pass ordinary ones', () => {
    expect(() =>
      assertStorableRequest(new Request('http://x/v1/a?since=2026-01-01&q=Wien%20%C3%B6'), { id: 'abc' }),
    ).not.toThrow();
  });

  it.each([
    ['a NUL in a path parameter', 'http://x/v1/a', { client_id: 'abc\u0000' }, 'path parameter client_id: contains a NUL'],
    ['a NUL in the query', 'http://x/v1/a?status=RUNNING%00', {}, 'query parameter "status": contains a NUL'],
    ['a query escape that is not UTF-8', 'http://x/v1/a?unit=%C3', {}, 'query parameter "unit": malformed percent-encoding'],
  ])('refuse %s', async (_name, url, params, message) => {
    const e = await refusal(() => assertStorableRequest(new Request(url), params));
    expect(e.detail).toContain(message);
  });
});
