/**
 * The service catalogue (`/v1/services`, the reference's `/v1/crm/services/*`): listing, starting a production
 * service (`POST /v1/services/{service}`, whose body is the catalogue service's own parameters), and the admin writes.
 */
import { z } from 'zod';
import { SERVICE_ADMIN_SCOPES } from '../../http/service-admin-routes';
import { serviceOrderQuery } from '../../orders/query-service-orders';
import { CATALOGUE } from '../../services/catalogue';
import { validExamplesOf } from '../../services/examples';
import { listServicesQuery } from '../../services/list-services';
import { createServiceBody, legacyCreateServiceBody, updateServiceBody } from '../../services/service-admin-body';
import { bearer, defineOperations } from '../define-operation';
import { acceptedHeaders, idempotencyHeader, orderAccepted, ordersAccepted, uuid } from '../shared';

export const serviceView = z
  .object({
    service_id: uuid,
    service_name: z.string(),
    title: z.string(),
    description: z.string(),
    version: z.number().int(),
    engine: z.enum(['embedded', 'airflow']),
    dag_id: z.string(),
    scopes: z.array(z.string()),
    unit: z.enum(['none', 'production_unit', 'sub_production_unit']),
    visible: z.boolean(),
    parameters: z.record(z.string(), z.unknown()).meta({ description: "JSON Schema (draft 2020-12) of one order's parameters" }),
    airflow_connection: z.string().nullable().optional().meta({ description: 'Admins: the Airflow connection that runs it' }),
    defined_in: z.enum(['code', 'admin']).optional(),
    customized: z.array(z.string()).optional(),
    links: z.object({ start: z.object({ href: z.string(), method: z.literal('POST') }) }),
    service_comment: z.string().nullable(),
    service_validity: z.boolean(),
    service_owner_geoville: z.string(),
    external: z.boolean(),
    date_of_creation: z.string().meta({ description: 'YYYY-MM-DDTHH:MM:SS (UTC), as the reference wrote it' }),
  })
  .meta({ id: 'Service', description: 'A service of the catalogue' });

/**
 * The body of `POST /v1/services/{service}`: the parameters of the catalogue service named in the path (each
 * member is that service's zod schema, as start-service.ts validates it). Services an administrator added take the
 * JSON Schema stored with them (GET /v1/services/{service} → `parameters`).
 */
const startServiceBody = z
  .union(
    CATALOGUE.map((s) =>
      (s.params as z.ZodType).meta({ id: `ServiceParams.${s.name}`, title: s.name, description: `${s.title}: ${s.description}` }),
    ) as unknown as [z.ZodType, z.ZodType, ...z.ZodType[]],
  )
  .meta({ description: 'The parameters of the service named in the path (one member per catalogue service, titled by name)' });

const startExamples = Object.fromEntries(
  CATALOGUE.flatMap((s) => {
    const first = validExamplesOf(s.name)[0];
    return first ? [[s.name, { summary: s.title, value: first }]] : [];
  }),
);

const servicePath = z.object({
  service: z.string().meta({ description: 'A service name (GET /v1/services lists them)', examples: ['harmonics'] }),
});
const services = z.object({ services: z.array(serviceView) });

export const serviceOperations = defineOperations([
  {
    method: 'get',
    path: '/v1/services',
    operationId: 'listServices',
    summary: 'The services a client may start, with their parameters',
    description: 'Visible services with their parameters as JSON Schema; admins add `all=true` for the hidden ones too.',
    tags: ['Services'],
    access: bearer([]),
    params: { query: listServicesQuery },
    responses: { 200: { description: 'The services', schema: services } },
  },
  {
    method: 'post',
    path: '/v1/services',
    operationId: 'createService',
    summary: 'Add an Airflow-backed service',
    tags: ['Services'],
    access: bearer(SERVICE_ADMIN_SCOPES),
    body: { schema: createServiceBody, examples: { dag: { value: { name: 'my_chain', dag_id: 'my_chain_dag' } } } },
    responses: { 201: { description: 'The new service', schema: serviceView, headers: { location: 'The service URL' } } },
    errors: [409, 422, 503],
    legacy: ['M11'],
  },
  {
    method: 'get',
    path: '/v1/services/{service}',
    operationId: 'getService',
    summary: 'One service: what it is and the JSON Schema of its parameters',
    tags: ['Services'],
    access: bearer([]),
    params: { path: servicePath },
    responses: { 200: { description: 'The service', schema: serviceView } },
    errors: [404],
  },
  {
    method: 'post',
    path: '/v1/services/{service}',
    operationId: 'startService',
    summary: 'Start a production service: one order, or one per unit listed',
    description:
      "Starts the service named in the path with the reference's body fields. The body is that service's parameters (see the members of the schema below, titled by service name, or `parameters` of GET /v1/services/{service}); a unit field listing several units makes one order per unit. Product services are ordered at their own routes (/v1/products/*) and take their bodies here too. The scopes are the service's own (GET /v1/services/{service} → `scopes`), or `admin`.",
    tags: ['Services'],
    access: bearer([]),
    params: { path: servicePath, header: idempotencyHeader },
    body: { schema: startServiceBody, examples: startExamples },
    responses: {
      202: {
        description: 'Accepted: one order (OrderAccepted) or one per unit (OrdersAccepted)',
        schema: z.union([orderAccepted, ordersAccepted]),
        headers: acceptedHeaders,
      },
    },
    errors: [403, 404, 409, 422, 429],
    legacy: ['S1', 'S2', 'S3', 'S4', 'S5', 'S7', 'S8', 'S9', 'S10', 'S11', 'S12', 'S13', 'S14', 'S15'],
  },
  {
    method: 'patch',
    path: '/v1/services/{service}',
    operationId: 'updateService',
    summary: 'Change a service (scopes, visibility, description, Airflow DAG and connection)',
    description: '`null` puts a field of a service defined in code back to the code’s value.',
    tags: ['Services'],
    access: bearer(SERVICE_ADMIN_SCOPES),
    params: { path: servicePath },
    body: { schema: updateServiceBody, examples: { hide: { value: { visible: false } } } },
    responses: { 200: { description: 'The service as changed', schema: serviceView } },
    errors: [404, 409],
  },
  {
    method: 'delete',
    path: '/v1/services/{service}',
    operationId: 'deleteService',
    summary: 'Remove a service an administrator added (services defined in code: 409)',
    tags: ['Services'],
    access: bearer(SERVICE_ADMIN_SCOPES),
    params: { path: servicePath },
    responses: { 204: { description: 'Removed' } },
    errors: [404, 409],
  },
  {
    method: 'get',
    path: '/v1/crm/services',
    operationId: 'legacyListServices',
    summary: 'The visible services (reference shape)',
    tags: ['Services'],
    access: bearer([]),
    responses: { 200: { description: 'The services', schema: services } },
    legacy: ['M8'],
  },
  {
    method: 'get',
    path: '/v1/crm/services/id/{service_id}',
    operationId: 'legacyGetServiceById',
    summary: 'One service by id',
    tags: ['Services'],
    access: bearer(['admin']),
    params: { path: z.object({ service_id: z.string() }) },
    responses: { 200: { description: 'The service', schema: serviceView } },
    errors: [404],
    legacy: ['M9'],
  },
  {
    method: 'get',
    path: '/v1/crm/services/name/{service_name}',
    operationId: 'legacyGetServiceByName',
    summary: 'One service by name',
    tags: ['Services'],
    access: bearer(['admin']),
    params: { path: z.object({ service_name: z.string() }) },
    responses: { 200: { description: 'The service', schema: serviceView } },
    errors: [404],
    legacy: ['M10'],
  },
  {
    method: 'post',
    path: '/v1/crm/services/create',
    operationId: 'legacyCreateService',
    summary: "Add a service with the reference's body (hidden until shown)",
    tags: ['Services'],
    access: bearer(SERVICE_ADMIN_SCOPES),
    body: {
      schema: legacyCreateServiceBody,
      examples: {
        m11: {
          value: {
            service_name: 'my_chain',
            service_comment: 'A chain',
            service_validity: true,
            service_owner_geoville: 'GAF',
            external: true,
          },
        },
      },
    },
    responses: { 201: { description: 'Created', schema: z.object({ service_id: uuid }) } },
    errors: [409, 422, 503],
    legacy: ['M11'],
  },
  {
    method: 'delete',
    path: '/v1/crm/services/delete/id/{service_id}',
    operationId: 'legacyDeleteServiceById',
    summary: 'Remove a service an administrator added, by id',
    tags: ['Services'],
    access: bearer(SERVICE_ADMIN_SCOPES),
    params: { path: z.object({ service_id: z.string() }) },
    responses: { 204: { description: 'Removed' } },
    errors: [404, 409],
    legacy: ['M13'],
  },
  {
    method: 'delete',
    path: '/v1/crm/services/delete/name/{service_name}',
    operationId: 'legacyDeleteServiceByName',
    summary: 'Remove a service an administrator added, by name',
    tags: ['Services'],
    access: bearer(SERVICE_ADMIN_SCOPES),
    params: { path: z.object({ service_name: z.string() }) },
    responses: { 204: { description: 'Removed' } },
    errors: [404, 409],
    legacy: ['M14'],
  },
  {
    method: 'get',
    path: '/v1/crm/services/order_query',
    operationId: 'queryServiceOrders',
    summary: "The caller's service orders by unit, service and status (reference shape)",
    tags: ['Services'],
    access: bearer([]),
    params: { query: serviceOrderQuery },
    responses: {
      200: {
        description: 'Orders by unit',
        schema: z.object({
          services: z.array(
            z.object({
              subproduction_unit: z.string().nullable(),
              processing_unit: z.string().nullable(),
              service_name: z.string(),
              order_status: z.string(),
              order_id: uuid,
              order_json: z.string().meta({ description: "The order's parameters as a JSON string (reference shape)" }),
              order_result: z.unknown(),
            }),
          ),
          next_cursor: z.string().nullable(),
        }),
      },
    },
    legacy: ['M15'],
  },
]);
