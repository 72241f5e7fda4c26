/** The inputs of the webhook endpoints (PUT /v1/webhooks and friends), checked with zod: a bad field is a 400 naming it. */
import { z } from 'zod';
import { pageFields } from '../paging/keyset';
import { ORDER_EVENT_TYPES } from './events';
import { webhookUrl } from './webhook-url';

export const saveWebhookBody = z
  .object({
    url: webhookUrl,
    /** The order events to send (default: all); `[]` sends none (the secret still signs the orders' callbacks). */
    events: z
      .array(z.enum(ORDER_EVENT_TYPES, { error: `one of ${ORDER_EVENT_TYPES.join(', ')}` }))
      .max(ORDER_EVENT_TYPES.length * 2)
      .transform((l) => [...new Set(l)])
      .optional(),
  })
  .strict();
export type SaveWebhookBody = z.infer<typeof saveWebhookBody>;

/** `?client_id=`: an admin names the client whose webhook it manages (default: the caller's own). */
const clientIdField = { client_id: z.string().min(1).max(64).optional() };

export const webhookOwnerQuery = z.object(clientIdField).strict();

export const deliveriesQuery = z
  .object({
    ...clientIdField,
    order_id: z.uuid({ error: 'an order id' }).optional(),
    ...pageFields({ max: 100, default: 20 }),
  })
  .strict();
export type DeliveriesQuery = z.infer<typeof deliveriesQuery>;
