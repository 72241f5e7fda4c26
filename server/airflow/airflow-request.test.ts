/** Airflow 3 JWT handling: one token per connection, reused, renewed a minute before its expiry. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startAirflowDouble, type AirflowDouble } from '~/test/airflow-double';
import { airflowRequest, clearAirflowTokens } from './airflow-request';
import type { AirflowConnection } from './schemas';

let af: AirflowDouble;
let c: AirflowConnection;
beforeAll(async () => {
  af = await startAirflowDouble({ version: 'v2', tokenTtlSeconds: 600 });
  af.state.dags.set('d', { paused: false });
  clearAirflowTokens();
  c = { name: 't', url: af.url, apiVersion: 'v2', username: af.username, password: af.password, timeoutMs: 2_000 };
});
afterAll(async () => {
  expect(af.state.violations).toEqual([]);
  await af.close();
});

it('reuses the token until a minute before its exp, then gets a new one; never sends the password to the API', async () => {
  const t0 = Date.now();
  expect((await airflowRequest(c, 'GET', '/dags/d', undefined, { now: () => t0 })).status).toBe(200);
  expect((await airflowRequest(c, 'GET', '/dags/d', undefined, { now: () => t0 + 500_000 })).status).toBe(200);
  expect(af.state.tokensIssued).toBe(1);
  expect((await airflowRequest(c, 'GET', '/dags/d', undefined, { now: () => t0 + 550_000 })).status).toBe(200);
  expect(af.state.tokensIssued).toBe(2);
  const api = af.state.requests.filter((r) => r.path.startsWith('/api/'));
  expect(api.every((r) => !JSON.stringify(r).includes(af.password))).toBe(true);
});
