/** Webhooks (docs/notifications.md): the client's signed webhook, its secret, its deliveries. */
import { z } from 'zod';
import { WEBHOOK_SCOPES } from '../../http/webhook-routes';
import { ORDER_EVENT_TYPES } from '../../notifications/events';
import { deliveriesQuery, saveWebhookBody, webhookOwnerQuery } from '../../notifications/webhook-body';
import { bearer, defineOperations } from '../define-operation';
import { instant, uuid } from '../shared';

export const webhookView = z
  .object({
    client_id: z.string(),
    url: z.string(),
    events: z.array(z.enum(ORDER_EVENT_TYPES)),
    enabled: z.boolean(),
    disabled_at: instant.nullable(),
    disabled_reason: z.string().nullable(),
    previous_secret_expires_at: instant.nullable(),
    created_at: instant,
    updated_at: instant,
  })
  .meta({ id: 'Webhook', description: "The client's webhook (never its secret)" });

const withSecret = webhookView.extend({
  secret: z.string().meta({ description: 'The signing secret (Standard Webhooks `whsec_…`), shown only in this answer' }),
});

export const deliveryView = z
  .object({
    delivery_id: uuid,
    message_id: z.string(),
    channel: z.enum(['webhook', 'callback', 'email']),
    event_type: z.string(),
    order_id: uuid.nullable(),
    destination: z.string(),
    state: z.enum(['pending', 'delivered', 'failed']),
    next_attempt_at: instant.nullable(),
    last_error: z.string().nullable(),
    created_at: instant,
    finished_at: instant.nullable(),
    attempts: z.array(
      z.object({
        attempt: z.number().int(),
        at: instant,
        status_code: z.number().int().nullable(),
        error: z.string().nullable(),
        duration_ms: z.number(),
        response: z.string().nullable(),
      }),
    ),
  })
  .meta({ id: 'Delivery' });

const ops = { tags: ['Webhooks'], access: bearer(WEBHOOK_SCOPES) } as const;
const owner = { query: webhookOwnerQuery };

export const webhookOperations = defineOperations([
  {
    ...ops,
    method: 'get',
    path: '/v1/webhooks',
    operationId: 'getWebhook',
    summary: "The client's webhook (admins: `?client_id=` another's)",
    params: owner,
    responses: { 200: { description: 'The webhook', schema: webhookView } },
    errors: [404],
  },
  {
    ...ops,
    method: 'put',
    path: '/v1/webhooks',
    operationId: 'saveWebhook',
    summary: 'Register or replace the webhook',
    params: owner,
    body: { schema: saveWebhookBody, examples: { all: { value: { url: 'https://portal.example.org/hooks/clcplus' } } } },
    responses: {
      200: { description: 'Replaced (the secret is unchanged)', schema: webhookView },
      201: { description: 'Registered, with its new secret', schema: withSecret },
    },
    errors: [404, 422],
  },
  {
    ...ops,
    method: 'delete',
    path: '/v1/webhooks',
    operationId: 'deleteWebhook',
    summary: 'Remove the webhook',
    params: owner,
    responses: { 204: { description: 'Removed' } },
    errors: [404],
  },
  {
    ...ops,
    method: 'post',
    path: '/v1/webhooks/rotate_secret',
    operationId: 'rotateWebhookSecret',
    summary: 'A new signing secret (shown once); the old one signs beside it for 24 h',
    params: owner,
    responses: { 200: { description: 'The webhook with its new secret', schema: withSecret } },
    errors: [404],
  },
  {
    ...ops,
    method: 'get',
    path: '/v1/webhooks/deliveries',
    operationId: 'listWebhookDeliveries',
    summary: "The client's deliveries and their attempts, newest first",
    params: { query: deliveriesQuery },
    responses: {
      200: {
        description: 'A page of deliveries',
        schema: z.object({
          deliveries: z.array(deliveryView),
          next_cursor: z.string().nullable(),
          links: z.object({ next: z.string().nullable() }),
        }),
      },
    },
    errors: [404],
  },
  {
    ...ops,
    method: 'post',
    path: '/v1/webhooks/test',
    operationId: 'testWebhook',
    summary: 'Send a signed `ping` to the webhook now',
    params: owner,
    responses: { 200: { description: 'The delivery and its attempt', schema: deliveryView } },
    errors: [404, 409],
  },
]);
