/**
 * The thin REST layer of the catalogue's admin writes (reference M11, M13, M14): create, change and delete services,
 * for the legacy routes (`/v1/crm/services/...`) and the resource routes (`/v1/services`, `/v1/services/{name}`).
 */
import { env } from '../env.js';
import { createService } from '../services/create-service';
import { deleteService } from '../services/delete-service';
import { createServiceBody, legacyCreateServiceBody, updateServiceBody } from '../services/service-admin-body';
import { updateService } from '../services/update-service';
import { actorOf } from './actor';
import { jsonBody } from './request';
import type { ApiHandlerArgs } from './with-api-client';

export const SERVICE_ADMIN_SCOPES = ['admin'];

const adminDeps = (args: ApiHandlerArgs) => ({ db: args.deps.db, envConnections: env.AIRFLOW_CONNECTIONS });
const actor = (args: ApiHandlerArgs) => actorOf(args.caller, { ip: args.ip, requestId: args.requestId });

export async function createServiceRoute(args: ApiHandlerArgs) {
  const view = await createService(adminDeps(args), actor(args), await jsonBody(args.req, createServiceBody));
  return Response.json(view, { status: 201, headers: { location: `/v1/services/${view.service_name}` } });
}

/**
 * M11: the reference's body and answer (`{service_id}`). Its service ran the DAG its C1 entry named; here that is
 * the DAG of the same name on the `default` connection, hidden until an administrator shows it (as M8 hid it).
 */
export async function legacyCreateServiceRoute(args: ApiHandlerArgs) {
  const b = await jsonBody(args.req, legacyCreateServiceBody);
  const view = await createService(adminDeps(args), actor(args), {
    ...createServiceBody.parse({ name: b.service_name, dag_id: b.service_name }),
    description: b.service_comment ?? '',
    visible: false,
    legacy: { owner: b.service_owner_geoville, valid: b.service_validity, external: b.external },
  });
  return Response.json({ service_id: view.service_id }, { status: 201 });
}

export async function updateServiceRoute(args: ApiHandlerArgs) {
  return Response.json(
    await updateService(adminDeps(args), actor(args), args.params.service!, await jsonBody(args.req, updateServiceBody)),
  );
}

export async function deleteServiceRoute(args: ApiHandlerArgs) {
  const { service, service_id: id, service_name: name } = args.params;
  await deleteService(args.deps.db, actor(args), id ? { id } : { name: (name ?? service)! });
  return new Response(null, { status: 204 });
}
