/** Ordering products (`/v1/products/*`), following orders (`/v1/services/order_status/*`, `/v1/orders`), downloads. */
import { z } from 'zod';
import { ORDER_SCOPES, STATUS_SCOPES } from '../../http/order-routes';
import { listOrdersQuery } from '../../orders/list-orders';
import { europeProductBody, getProductBody, nationalProductBody } from '../../orders/order-request';
import { ORDER_STATUSES } from '../../orders/order-status';
import { bearer, defineOperations, PUBLIC } from '../define-operation';
import { acceptedHeaders, idempotencyHeader, instant, orderAccepted, uuid } from '../shared';

const VIENNA = 'POLYGON ((16.30 48.15, 16.42 48.14, 16.44 48.20, 16.38 48.23, 16.30 48.15))';

const orderError = z.object({ code: z.string(), message: z.string() }).nullable();

export const orderStatusView = z
  .object({
    order_id: uuid,
    status: z.enum(ORDER_STATUSES),
    result: z.string().nullable().meta({ description: 'Once SUCCESS: the signed download link of the package' }),
    service: z.string(),
    progress: z.number().min(0).max(100),
    area_km2: z.number().nullable(),
    submitted_at: instant,
    queued_at: instant.nullable(),
    started_at: instant.nullable(),
    stopped_at: instant.nullable(),
    error: orderError,
    package: z
      .object({
        file_name: z.string(),
        bytes: z.number().int(),
        sha256: z.string(),
        expires_at: instant.nullable(),
        expired: z.boolean(),
      })
      .nullable(),
  })
  .meta({
    id: 'OrderStatus',
    description: "An order as its owner sees it (the reference's {order_id, status, result} and more)",
  });

const orderListItem = z.object({
  order_id: uuid,
  service: z.string(),
  status: z.enum(ORDER_STATUSES),
  progress: z.number(),
  unit: z.string().nullable(),
  submitted_at: instant,
  started_at: instant.nullable(),
  stopped_at: instant.nullable(),
  error: orderError,
  links: z.object({ status: z.string() }),
  params: z.record(z.string(), z.unknown()).optional(),
  result: z.unknown().optional(),
  sub_production_unit: z.string().nullable().optional(),
});

const orderPath = z.object({ order_id: uuid.meta({ description: 'The order id of the acceptance (order_id)' }) });

const accepted = {
  202: { description: 'Accepted: the order is queued', schema: orderAccepted, headers: acceptedHeaders },
};

export const orderOperations = defineOperations([
  {
    method: 'post',
    path: '/v1/products/get_product',
    operationId: 'getProduct',
    summary: 'Order the product for an area of interest',
    description:
      'Clips the raster or vector product to an AOI (a WKT or GeoJSON polygon in EPSG:4326, a bbox, or a saved ROI) and packages it (COG GeoTIFF or GeoPackage, styles, legend, metadata). Answers at once with the status link; the package is made in the background.',
    tags: ['Orders'],
    access: bearer(ORDER_SCOPES),
    params: { header: idempotencyHeader },
    body: {
      schema: getProductBody,
      examples: {
        wkt: { summary: 'Raster for a WKT polygon', value: { product: 'Raster', aoi: VIENNA } },
        bbox: {
          summary: 'Vector for a bbox',
          value: { product: 'Vector', aoi: [16.3, 48.15, 16.44, 48.23], product_year: 2021 },
        },
      },
    },
    responses: accepted,
    errors: [404, 409, 422, 429],
    legacy: ['P1'],
  },
  {
    method: 'post',
    path: '/v1/products/get_national_product',
    operationId: 'getNationalProduct',
    summary: 'Order the product for a nation, in its national CRS',
    tags: ['Orders'],
    access: bearer(ORDER_SCOPES),
    params: { header: idempotencyHeader },
    body: { schema: nationalProductBody, examples: { austria: { value: { product: 'Raster', nation: 'Austria' } } } },
    responses: accepted,
    errors: [404, 409, 422, 429],
    legacy: ['P2'],
  },
  {
    method: 'post',
    path: '/v1/products/get_product_europe',
    operationId: 'getProductEurope',
    summary: 'Order the product for the whole of Europe (made once per store state, then reused)',
    tags: ['Orders'],
    access: bearer(ORDER_SCOPES),
    params: { header: idempotencyHeader },
    body: { schema: europeProductBody, examples: { vector: { value: { product: 'Vector' } } } },
    responses: accepted,
    errors: [404, 409, 422, 429],
    legacy: ['P3'],
  },
  {
    method: 'get',
    path: '/v1/products/nations',
    operationId: 'listNations',
    summary: 'The nations get_national_product accepts',
    tags: ['Orders'],
    access: bearer(ORDER_SCOPES),
    responses: {
      200: {
        description: 'Nation names, Title-cased',
        schema: z.object({ nations: z.array(z.string()) }),
        examples: { some: { value: { nations: ['Albania', 'Austria', 'Belgium'] } } },
      },
    },
    legacy: ['P4'],
  },
  {
    method: 'get',
    path: '/v1/services/order_status/{order_id}',
    operationId: 'getOrderStatus',
    summary: "An order's status, progress and, once SUCCESS, its download link",
    tags: ['Orders'],
    access: bearer(STATUS_SCOPES),
    params: { path: orderPath },
    responses: { 200: { description: 'The order', schema: orderStatusView } },
    errors: [404],
    legacy: ['S6'],
  },
  {
    method: 'post',
    path: '/v1/services/order_status/{order_id}/abort',
    operationId: 'abortOrder',
    summary: 'Cancel an order in progress (its running work stops)',
    tags: ['Orders'],
    access: bearer(STATUS_SCOPES),
    params: { path: orderPath },
    responses: {
      200: { description: 'The order after the abort (ABORTED, or the final state it had)', schema: orderStatusView },
    },
    errors: [404, 409],
  },
  {
    method: 'get',
    path: '/v1/orders',
    operationId: 'listOrders',
    summary: "The caller's orders (admins: everyone's), newest first, filtered, keyset-paged",
    tags: ['Orders'],
    access: bearer(STATUS_SCOPES),
    params: { query: listOrdersQuery },
    responses: {
      200: {
        description: 'A page of orders; follow links.next for the next',
        schema: z.object({
          orders: z.array(orderListItem),
          next_cursor: z.string().nullable(),
          links: z.object({ next: z.string().nullable() }),
        }),
      },
    },
  },
  {
    method: 'get',
    path: '/downloads/{token}',
    operationId: 'download',
    summary: 'Download a package (resumable with Range)',
    description:
      'The `result` link of a SUCCESS order. Needs the access token of the client that ordered it (or an admin token, or a console admin session). Supports `Range` (206) and `HEAD`.',
    tags: ['Orders'],
    access: PUBLIC,
    params: {
      path: z.object({ token: z.string().meta({ description: 'The signed token of the link (from `result`)' }) }),
      header: z.object({ range: z.string().optional().meta({ description: 'bytes=<from>-[<to>]' }) }),
    },
    responses: {
      200: { description: 'The package (a zip)', schema: z.string().meta({ format: 'binary' }), contentType: 'application/zip' },
      206: { description: 'The requested range', schema: z.string().meta({ format: 'binary' }), contentType: 'application/zip' },
      302: {
        description: 'Packages in an S3 bucket: a presigned URL of the package',
        headers: { location: 'The presigned URL' },
      },
      304: { description: 'Not modified (If-None-Match)' },
      416: { description: 'The range is outside the package', headers: { 'content-range': 'bytes */<size>' } },
    },
    errors: [401, 404, 410],
  },
  {
    method: 'head',
    path: '/downloads/{token}',
    operationId: 'downloadHead',
    summary: "A package's size and type without its bytes",
    tags: ['Orders'],
    access: PUBLIC,
    params: { path: z.object({ token: z.string() }) },
    responses: {
      200: { description: 'Content-Length and Content-Type of the package' },
      302: {
        description: 'Packages in an S3 bucket: a presigned URL of the package',
        headers: { location: 'The presigned URL' },
      },
    },
    errors: [401, 404, 410],
  },
]);
