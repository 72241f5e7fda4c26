/**
 * Does a connection work (`airflow test NAME`)? One authenticated GET /api/v1|v2/dags?limit=1 (both official specs
 * define it, and it needs valid credentials, unlike /health): `ok` with how many DAGs the user sees, or the reason —
 * unreachable, credentials refused, not an Airflow API at that URL or version, a stored password that this
 * KEY_ENCRYPTION_KEY cannot open. An unknown name is AppError NOT_FOUND. Nothing is written; no reason carries the
 * password.
 */
import { z } from 'zod';
import type { Database } from '~/db/client';
import { AppError, describeZodIssues, isAppError } from '../errors';
import { AirflowError } from './airflow-error';
import { airflowRequest } from './airflow-request';
import { resolveAirflowConnection, type EnvConnections } from './resolve-connection';
import { airflowConnectionName, airflowDag, type AirflowConnection } from './schemas';

export const testAirflowConnectionInput = z.object({ name: airflowConnectionName }).strict();

const dagCollection = z.looseObject({ dags: z.array(airflowDag), total_entries: z.number().int() });

export type ConnectionTest = { name: string; url: string; apiVersion: 'v1' | 'v2' } & (
  { ok: true; dags: number } | { ok: false; reason: string }
);

export async function testAirflowConnection(
  deps: { db: Database; encryptionKey: string; envConnections: EnvConnections },
  raw: z.input<typeof testAirflowConnectionInput>,
): Promise<ConnectionTest> {
  const parsed = testAirflowConnectionInput.safeParse(raw);
  if (!parsed.success) throw new AppError('VALIDATION', describeZodIssues(parsed.error.issues));
  let c: AirflowConnection;
  try {
    c = await resolveAirflowConnection(deps, parsed.data.name);
  } catch (e) {
    if (isAppError(e)) throw e;
    // secret-box: a wrong key or a tampered row fails authentication (the error says nothing about the password).
    throw new AppError(
      'UNPROCESSABLE',
      `the stored password of ${parsed.data.name} cannot be opened with this KEY_ENCRYPTION_KEY; add the connection again`,
    );
  }
  const about = { name: c.name, url: c.url, apiVersion: c.apiVersion };
  const path = `/api/${c.apiVersion}/dags`;
  try {
    const res = await airflowRequest(c, 'GET', '/dags?limit=1');
    if (res.status !== 200) {
      return {
        ...about,
        ok: false,
        reason: `GET ${path}: HTTP ${res.status} (is ${c.url} the Airflow web server, and ${c.apiVersion} its API version?)`,
      };
    }
    const list = dagCollection.safeParse(res.body);
    if (!list.success) {
      return { ...about, ok: false, reason: `GET ${path}: the answer is not an Airflow DAG list (${c.apiVersion} API?)` };
    }
    return { ...about, ok: true, dags: list.data.total_entries };
  } catch (e) {
    if (e instanceof AirflowError) return { ...about, ok: false, reason: e.message };
    throw e;
  }
}
