/**
 * What the OAuth endpoints' files (POST /oauth/token, /oauth/introspect, /oauth/revoke) share: a form body
 * authenticated with HTTP Basic, and their errors in RFC 6749 §5.2 JSON (never problem+json, never cached).
 */
import { expect } from 'vitest';
import type { CallResult, EndpointKit, RouteHandler, TestClient } from '~/test/endpoint';

export type ClientCredentials = Pick<TestClient, 'clientId' | 'clientSecret'>;

export const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

/** The Authorization header of HTTP Basic client authentication (RFC 6749 §2.3.1: each part form-encoded). */
export const basic = (c: ClientCredentials) =>
  `Basic ${Buffer.from(`${encodeURIComponent(c.clientId)}:${encodeURIComponent(c.clientSecret)}`).toString('base64')}`;

/** POSTs the form `raw` to `path`, as the client `as` (HTTP Basic) or, with null, without credentials. */
export const formPoster = (api: EndpointKit, POST: RouteHandler, path: string) => (as: ClientCredentials | null, raw: string) =>
  api.call(POST, path, { method: 'POST', raw, headers: { ...FORM, ...(as ? { authorization: basic(as) } : {}) } });

/** An RFC 6749 §5.2 error: this status, `error` and an `error_description` (matching `description`); not cached. */
export const expectOAuthError = (r: CallResult, status: number, error: string, description?: RegExp) => {
  expect({ status: r.status, type: r.headers.get('content-type') }, r.text).toEqual({ status, type: 'application/json' });
  expect(r.headers.get('cache-control')).toBe('no-store');
  expect(r.json).toEqual({ error, error_description: expect.any(String) });
  if (description) expect(r.json.error_description).toMatch(description);
};
