/**
 * Creating a service through POST /v1/services (admin), for the endpoint tests that need one an administrator added:
 * an Airflow service on the `default` connection (`useEndpoint({ airflow: true })`), its DAG `<name>_dag` unless given.
 */
import { expect } from 'vitest';
import { POST } from '~/app/v1/services/route';
import type { EndpointKit } from '~/test/endpoint';

export type CreatedService = { service_id: string; service_name: string };

/** Services that are not there, for the routes addressing one by id or by name: an unknown and a malformed key. */
export const MISSING_SERVICES: CreatedService[] = [
  { service_id: '00000000-0000-4000-8000-000000000000', service_name: 'no_such_service' },
  { service_id: 'not-a-uuid', service_name: 'not-a-name' },
];

export async function createService(
  api: EndpointKit,
  name: string,
  extra: Record<string, unknown> = {},
): Promise<CreatedService> {
  const r = await api.call(POST, '/v1/services', { as: 'admin', body: { name, dag_id: `${name}_dag`, ...extra } });
  expect(r.status, r.text).toBe(201);
  return r.json as CreatedService;
}
