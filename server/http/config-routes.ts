/**
 * The thin REST layer of configuration (admin): Airflow connections (the HTTP face of `npm run cli -- airflow …`;
 * passwords go in, never out) and the reference's C2 list of Airflow-backed services.
 */
import { z } from 'zod';
import { env } from '../env.js';
import { listAirflowConnections, type AirflowConnectionView } from '../airflow/list-connections';
import { removeAirflowConnection } from '../airflow/remove-connection';
import { saveAirflowConnection, saveAirflowConnectionInput } from '../airflow/save-connection';
import { testAirflowConnection } from '../airflow/test-connection';
import { listAirflowConfig } from '../services/list-airflow-config';
import { actorOf } from './actor';
import { jsonBody } from './request';
import type { ApiHandlerArgs } from './with-api-client';

export const CONFIG_SCOPES = ['admin'];
const noStore = { 'cache-control': 'no-store' };

/** `PUT /v1/config/airflow_connections/{name}`: the CLI's fields, in the API's snake_case; `password` never shown. */
const field = saveAirflowConnectionInput.shape;
export const connectionBody = z
  .object({
    url: field.url,
    api_version: field.apiVersion,
    username: field.username,
    password: field.password,
    timeout_ms: field.timeoutMs.optional(),
  })
  .strict();

const connectionView = (c: AirflowConnectionView) => ({
  name: c.name,
  url: c.url,
  api_version: c.apiVersion,
  username: c.username,
  timeout_ms: c.timeoutMs,
  source: c.source === 'table' ? 'api' : 'environment',
  active: c.active,
  updated_at: c.updatedAt,
});

const envConnections = () => env.AIRFLOW_CONNECTIONS;

export async function listConnectionsRoute({ deps }: ApiHandlerArgs) {
  const list = await listAirflowConnections({ db: deps.db, envConnections: envConnections() });
  return Response.json({ connections: list.map(connectionView) }, { headers: noStore });
}

export async function saveConnectionRoute({ deps, caller, req, params, ip, requestId }: ApiHandlerArgs) {
  const b = await jsonBody(req, connectionBody);
  const r = await saveAirflowConnection(
    { db: deps.db, encryptionKey: deps.auth.encryptionKey, actor: actorOf(caller, { ip, requestId }) },
    {
      name: params.name!,
      url: b.url,
      apiVersion: b.api_version,
      username: b.username,
      password: b.password,
      ...(b.timeout_ms === undefined ? {} : { timeoutMs: b.timeout_ms }),
    },
  );
  return Response.json(connectionView(r.connection), {
    status: r.created ? 201 : 200,
    headers: { ...noStore, ...(r.created ? { location: `/v1/config/airflow_connections/${r.name}` } : {}) },
  });
}

export async function removeConnectionRoute({ deps, caller, params, ip, requestId }: ApiHandlerArgs) {
  const r = await removeAirflowConnection(
    { db: deps.db, envConnections: envConnections(), actor: actorOf(caller, { ip, requestId }) },
    { name: params.name! },
  );
  return Response.json({ name: r.name, removed: true, environment_still_defines: r.envStillDefines }, { headers: noStore });
}

export async function testConnectionRoute({ deps, params }: ApiHandlerArgs) {
  const r = await testAirflowConnection(
    { db: deps.db, encryptionKey: deps.auth.encryptionKey, envConnections: envConnections() },
    { name: params.name! },
  );
  const { apiVersion, ...rest } = r;
  return Response.json({ ...rest, api_version: apiVersion }, { headers: noStore });
}

export async function airflowConfigRoute({ deps }: ApiHandlerArgs) {
  return Response.json(await listAirflowConfig(deps.db), { headers: noStore });
}
