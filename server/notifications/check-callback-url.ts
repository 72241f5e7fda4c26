/**
 * An order's `callback_url`, checked when the order is accepted (accept-orders.ts; nothing is written when it
 * fails): a destination the SSRF guard lets through (422 naming `callback_url` and why), and a registered webhook,
 * whose secret signs the callbacks.
 */
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '~/db/client';
import { webhookEndpoints } from '~/db/schema';
import { AppError } from '../errors';
import { checkDestination } from './check-destination';
import type { NotificationSettings } from './settings';

export async function checkCallbackUrl(
  db: DbOrTx,
  apiClientId: string,
  url: string,
  settings: NotificationSettings,
  /** The field named in the refusal (an OGC job's `subscriber.successUri`…). */
  field = 'callback_url',
) {
  await checkDestination(url, settings.allowList, field);
  const [e] = await db
    .select({ id: webhookEndpoints.id })
    .from(webhookEndpoints)
    .where(eq(webhookEndpoints.apiClientId, apiClientId));
  if (!e) {
    throw new AppError('UNPROCESSABLE', `${field}: register a webhook first (PUT /v1/webhooks): its secret signs the callbacks`, {
      reason: 'NO_WEBHOOK_SECRET',
    });
  }
}
