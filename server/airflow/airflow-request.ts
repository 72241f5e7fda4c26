/**
 * One authenticated call to an Airflow REST API. v1 (Airflow 2): Basic auth on /api/v1. v2 (Airflow 3): a JWT from
 * POST /auth/token, cached per connection and renewed a minute before it expires (or at once after a 401).
 * Network errors, timeouts, 429 and 5xx are `unreachable` (retry later); 401/403 (after one fresh v2 token) and a
 * refused POST /auth/token are `credentials` ("credentials refused", naming the connection); other non-2xx answers
 * are returned to the caller, which decides (404 unknown DAG, 409 already triggered…). Credentials never appear in an
 * error.
 */
import { countAirflowRequest } from '../metrics/airflow';
import { AirflowError, credentialsRefused } from './airflow-error';
import type { AirflowConnection } from './schemas';

type Token = { value: string; expiresAt: number };
const tokens = new Map<string, Token>();
const RENEW_BEFORE_MS = 60_000;

/** Forget cached tokens (tests). */
export const clearAirflowTokens = () => tokens.clear();

const base = (c: AirflowConnection) => c.url.replace(/\/+$/, '');
const cacheKey = (c: AirflowConnection) => `${base(c)}\0${c.username}`;

async function send(c: AirflowConnection, path: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(`${base(c)}${path}`, { ...init, signal: AbortSignal.timeout(c.timeoutMs) });
  } catch (e) {
    countAirflowRequest('unreachable');
    const why = e instanceof Error && e.name === 'TimeoutError' ? `no answer in ${c.timeoutMs} ms` : 'connection failed';
    throw new AirflowError(`Airflow (${c.name}) unreachable: ${why}`, 'unreachable');
  }
}

/** The `exp` claim of a JWT, in ms (0 if unreadable). */
const expiryOf = (jwt: string) => {
  try {
    const claims = JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString()) as { exp?: number };
    return typeof claims.exp === 'number' ? claims.exp * 1000 : 0;
  } catch {
    return 0;
  }
};

async function bearer(c: AirflowConnection, now: number): Promise<string> {
  const cached = tokens.get(cacheKey(c));
  if (cached && cached.expiresAt - RENEW_BEFORE_MS > now) return cached.value;
  const res = await send(c, '/auth/token', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ username: c.username, password: c.password }),
  });
  countAirflowRequest(res.status >= 500 || res.status === 429 ? 'unreachable' : res.ok ? 'ok' : 'credentials');
  if (res.status >= 500 || res.status === 429)
    throw new AirflowError(`Airflow (${c.name}) token: HTTP ${res.status}`, 'unreachable', res.status);
  if (!res.ok) throw credentialsRefused(c.name, res.status, 'on POST /auth/token');
  const body = (await res.json()) as { access_token?: string; expires_in?: number };
  if (!body.access_token) throw new AirflowError(`Airflow (${c.name}) token: no access_token`, 'refused');
  const expiresAt =
    typeof body.expires_in === 'number' ? now + body.expires_in * 1000 : expiryOf(body.access_token) || now + 5 * 60_000;
  tokens.set(cacheKey(c), { value: body.access_token, expiresAt });
  return body.access_token;
}

export type AirflowResponse = { status: number; body: unknown };

export async function airflowRequest(
  c: AirflowConnection,
  method: 'GET' | 'POST' | 'PATCH',
  /** Below /api/v1 or /api/v2, e.g. `/dags/x/dagRuns`. */
  path: string,
  body?: unknown,
  opts: { now?: () => number } = {},
): Promise<AirflowResponse> {
  const now = opts.now ?? Date.now;
  const call = async () => {
    const auth =
      c.apiVersion === 'v1'
        ? `Basic ${Buffer.from(`${c.username}:${c.password}`).toString('base64')}`
        : `Bearer ${await bearer(c, now())}`;
    return send(c, `/api/${c.apiVersion}${path}`, {
      method,
      headers: {
        authorization: auth,
        accept: 'application/json',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  };
  let res = await call();
  if (res.status === 401 && c.apiVersion === 'v2') {
    countAirflowRequest('credentials');
    tokens.delete(cacheKey(c)); // expired or revoked early: one fresh token, once
    res = await call();
  }
  countAirflowRequest(
    res.status >= 500 || res.status === 429
      ? 'unreachable'
      : res.status === 401 || res.status === 403
        ? 'credentials'
        : res.ok
          ? 'ok'
          : 'refused',
  );
  if (res.status >= 500 || res.status === 429) {
    throw new AirflowError(`Airflow (${c.name}) ${method} ${path}: HTTP ${res.status}`, 'unreachable', res.status);
  }
  if (res.status === 401 || res.status === 403) throw credentialsRefused(c.name, res.status);
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    /* a text body (logs) */
  }
  return { status: res.status, body: parsed };
}

export const dagPath = (dagId: string, ...rest: string[]) =>
  ['/dags', dagId, ...rest].map((s, i) => (i === 0 ? s : encodeURIComponent(s))).join('/');
