/**
 * Contract: every request the bridge's client sends satisfies the official Airflow specs, checked by Prism serving
 * each spec with request validation (test/prism.ts); and Prism's spec-generated answers parse. A deliberately bad
 * request is refused, so the check has teeth.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPrism } from '~/test/prism';
import { validateRequest, validateResponse } from '~/test/airflow-spec';
import { airflowRequest, clearAirflowTokens } from './airflow-request';
import { failDagRun } from './fail-dag-run';
import { getDag } from './get-dag';
import { getDagRun } from './get-dag-run';
import { getTaskLogTail } from './get-task-log-tail';
import { getXcom } from './get-xcom';
import { listTaskInstances } from './list-task-instances';
import type { AirflowConnection } from './schemas';
import { triggerDagRun } from './trigger-dag-run';

const ORDER = '0190a1b2-3c4d-7e5f-8a9b-0c1d2e3f4a5b';

describe.each(['v1', 'v2'] as const)('Airflow client against Prism (%s spec)', (v) => {
  let prism: Awaited<ReturnType<typeof startPrism>>;
  let c: AirflowConnection;
  beforeAll(async () => {
    prism = await startPrism(v);
    clearAirflowTokens();
    c = { name: 'prism', url: prism.url, apiVersion: v, username: 'bridge', password: 'pw', timeoutMs: 10_000 };
  }, 90_000);
  afterAll(() => prism?.close());

  it('trigger, read the DAG, the run, its task instances, a log, an XCom, and cancel: all accepted', async () => {
    expect(await triggerDagRun(c, { dagId: 'clc_chain', orderId: ORDER, params: { year: 2021, tile: '32TQM' } })).toEqual({
      triggered: true,
      replay: false,
    });
    expect(await getDag(c, 'clc_chain')).toHaveProperty('ok');
    expect(await getDagRun(c, 'clc_chain', ORDER)).toHaveProperty('state');
    expect(Array.isArray(await listTaskInstances(c, 'clc_chain', ORDER))).toBe(true);
    expect(await getTaskLogTail(c, { dagId: 'clc_chain', runId: ORDER, taskId: 'compute', tryNumber: 1 })).not.toMatch(
      /unavailable/,
    );
    // getXcom reads a non-200 as "no result": ask Prism directly so a request breaking the spec fails here.
    const xcom = await airflowRequest(
      c,
      'GET',
      `/dags/clc_chain/dagRuns/${ORDER}/taskInstances/result/xcomEntries/return_value?deserialize=true`,
    );
    expect(xcom.status, JSON.stringify(xcom.body)).toBe(200);
    await getXcom(c, 'clc_chain', ORDER, 'result'); // and reads Prism's answer without throwing
    expect(await failDagRun(c, 'clc_chain', ORDER)).toBe(true);
  }, 30_000);

  it('a request that breaks the spec is refused (the check has teeth)', async () => {
    const bad = await airflowRequest(c, 'POST', '/dags/clc_chain/dagRuns', { dag_run_id: ORDER, conf: 'not an object' });
    expect([400, 422]).toContain(bad.status);
    const patch = await airflowRequest(c, 'PATCH', `/dags/clc_chain/dagRuns/${ORDER}`, { state: 'exploded' });
    expect([400, 422]).toContain(patch.status);
  });

  it('the double\u2019s validator rejects drifted shapes', () => {
    expect(() => validateResponse(v, 'GET', '/dags/{dag_id}/dagRuns/{dag_run_id}', 200, { state: 'exploded' })).toThrow();
    expect(() => validateResponse(v, 'GET', '/dags/{dag_id}', 418, {})).toThrow(/never answers/);
    expect(() => validateRequest(v, 'PATCH', '/dags/{dag_id}/dagRuns/{dag_run_id}', { state: 'exploded' })).toThrow();
    if (v === 'v2')
      expect(() => validateRequest(v, 'POST', '/dags/{dag_id}/dagRuns', { dag_run_id: 'x', conf: {} })).toThrow(/logical_date/);
  });
});
