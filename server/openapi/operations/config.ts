/** Configuration (admin): Airflow connections (passwords go in, never out) and the reference's C2 list. */
import { z } from 'zod';
import { CONFIG_SCOPES, connectionBody } from '../../http/config-routes';
import { bearer, defineOperations } from '../define-operation';
import { instant } from '../shared';

const ops = { tags: ['Configuration'], access: bearer(CONFIG_SCOPES) } as const;

export const connectionView = z
  .object({
    name: z.string(),
    url: z.string(),
    api_version: z.enum(['v1', 'v2']),
    username: z.string(),
    timeout_ms: z.number().int(),
    source: z.enum(['api', 'environment']),
    active: z.boolean(),
    updated_at: instant.nullable(),
  })
  .meta({ id: 'AirflowConnection', description: 'An Airflow connection (never its password)' });

const namePath = z.object({ name: z.string().meta({ description: 'The connection name', examples: ['default'] }) });

export const configOperations = defineOperations([
  {
    ...ops,
    method: 'get',
    path: '/v1/config/airflow',
    operationId: 'legacyAirflowConfig',
    summary: 'Each Airflow-backed service and the DAG it triggers (reference shape)',
    responses: {
      200: {
        description: 'The services',
        schema: z.object({
          airflow_configuration: z.array(
            z.object({
              service_name: z.string(),
              command: z.string(),
              description: z.string(),
              dag_id: z.string(),
              airflow_connection: z.string(),
            }),
          ),
        }),
      },
    },
    legacy: ['C2'],
  },
  {
    ...ops,
    method: 'get',
    path: '/v1/config/airflow_connections',
    operationId: 'listAirflowConnections',
    summary: "The Airflow connections (the API's and AIRFLOW_CONNECTIONS')",
    responses: { 200: { description: 'The connections', schema: z.object({ connections: z.array(connectionView) }) } },
  },
  {
    ...ops,
    method: 'put',
    path: '/v1/config/airflow_connections/{name}',
    operationId: 'saveAirflowConnection',
    summary: 'Add (201) or replace (200) a connection; the password is stored encrypted',
    params: { path: namePath },
    body: {
      schema: connectionBody,
      examples: {
        v2: { value: { url: 'https://airflow.example.org', api_version: 'v2', username: 'clcplus', password: 'secret' } },
      },
    },
    responses: {
      200: { description: 'Replaced', schema: connectionView },
      201: { description: 'Added', schema: connectionView, headers: { location: 'The connection URL' } },
    },
    errors: [409],
  },
  {
    ...ops,
    method: 'delete',
    path: '/v1/config/airflow_connections/{name}',
    operationId: 'removeAirflowConnection',
    summary: 'Remove a connection (services naming it are refused with 503 until it is back)',
    params: { path: namePath },
    responses: {
      200: {
        description: 'Removed',
        schema: z.object({ name: z.string(), removed: z.literal(true), environment_still_defines: z.boolean() }),
      },
    },
    errors: [404, 409],
  },
  {
    ...ops,
    method: 'post',
    path: '/v1/config/airflow_connections/{name}/test',
    operationId: 'testAirflowConnection',
    summary: 'Does it work? One authenticated call to Airflow',
    params: { path: namePath },
    responses: {
      200: {
        description: 'The outcome (ok, with the number of DAGs, or the reason)',
        schema: z.union([
          z.object({
            name: z.string(),
            url: z.string(),
            api_version: z.enum(['v1', 'v2']),
            ok: z.literal(true),
            dags: z.number().int(),
          }),
          z.object({
            name: z.string(),
            url: z.string(),
            api_version: z.enum(['v1', 'v2']),
            ok: z.literal(false),
            reason: z.string(),
          }),
        ]),
      },
    },
    errors: [404],
  },
]);
