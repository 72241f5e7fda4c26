/**
 * Response schemas several domains share: the problem+json body every REST error has (server/http/problem.ts), the
 * OAuth error body (server/auth/oauth-error.ts), the order acceptance of the legacy API, and small field types.
 * Components get an `id` (they appear once under components.schemas and are referenced).
 */
import { z } from 'zod';
import { ERROR_CODES } from '../errors';

export const problem = z
  .object({
    type: z.url().meta({ description: 'A URI naming the problem: …/problems/<reason or code>, in kebab case' }),
    title: z.string().meta({ description: "The status's short name" }),
    status: z.number().int().min(400).max(599),
    detail: z.string().meta({ description: 'What went wrong, in words a caller can act on (`field: message; …` for bad input)' }),
    instance: z.string().optional().meta({ description: 'The request path' }),
    code: z.enum(Object.keys(ERROR_CODES) as [keyof typeof ERROR_CODES]).meta({ description: 'The error class' }),
    reason: z.string().optional().meta({ description: 'A more specific machine-readable cause (e.g. AOI_TOO_LARGE)' }),
    requestId: z.string().meta({ description: 'Also in the X-Request-Id header; quote it when reporting a problem' }),
  })
  .meta({
    id: 'Problem',
    description: 'RFC 9457 problem details (application/problem+json)',
    examples: [
      {
        type: 'https://clcplus.eea.europa.eu/problems/validation',
        title: 'Invalid request',
        status: 400,
        detail: 'aoi: required: a WKT or GeoJSON polygon in EPSG:4326, or a bbox [minLon, minLat, maxLon, maxLat]',
        instance: '/v1/products/get_product',
        code: 'VALIDATION',
        requestId: '6f1c2a9e-3b7d-4e0a-9c51-2d8f4b7a1e36',
      },
    ],
  });

export const oauthError = z
  .object({
    error: z.string().meta({ description: 'RFC 6749 §5.2 error code (invalid_client, invalid_grant, …)' }),
    error_description: z.string().optional(),
    reason: z.string().optional().meta({ description: 'For temporarily_unavailable: the dependency that failed' }),
  })
  .meta({ id: 'OAuthError', description: 'RFC 6749 §5.2 error response' });

/** ISO 8601 instants as the API writes them (Date#toISOString, or PostgreSQL's text with an offset). */
export const instant = z.string().meta({ format: 'date-time', examples: ['2026-05-04T10:11:12.345Z'] });
export const uuid = z.string().meta({ format: 'uuid', examples: ['0b6f5f1e-8f0c-4d7a-9a56-0d1f7a3b2c11'] });

const statusLink = z.object({
  href: z.string().meta({ examples: ['/v1/services/order_status/0b6f5f1e-8f0c-4d7a-9a56-0d1f7a3b2c11'] }),
  rel: z.literal('services'),
  type: z.literal('GET'),
});

/** 202 of an order (server/http/order-routes.ts acceptOrder, service-routes.ts): the reference's body plus order_id. */
export const orderAccepted = z
  .object({
    message: z.string(),
    order_id: uuid,
    links: statusLink.extend({ area: z.string().optional().meta({ description: 'AOI area, e.g. "12.34 km2"' }) }),
  })
  .meta({
    id: 'OrderAccepted',
    description: 'The order was accepted: follow `links.href` (also the Location header) until it is final',
  });

/** 202 of a production service started for several units: one order per unit. */
export const ordersAccepted = z
  .object({
    message: z.string(),
    orders: z.array(z.object({ order_id: uuid, unit: z.string().nullable(), links: statusLink })),
  })
  .meta({ id: 'OrdersAccepted', description: 'One order per unit listed' });

export const acceptedHeaders = {
  location: 'The status URL of the order',
  'idempotent-replayed': '`true` when the Idempotency-Key was seen before and the earlier order is answered',
};

/** The Idempotency-Key request header of the order routes. */
export const idempotencyHeader = z.object({
  'idempotency-key': z.string().max(256).optional().meta({
    description:
      'A key of your own: a request repeated with the same key answers the order it made the first time instead of making another',
  }),
});
