/**
 * Whose webhook a request manages: the caller's own client, or — for an admin — the client named by `?client_id=`.
 * A non-admin naming another client gets the 404 an unknown client gets (client ids cannot be probed).
 */
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '~/db/client';
import { apiClients } from '~/db/schema';
import type { Caller } from '../auth/verify-access-token';
import { AppError } from '../errors';

export type WebhookOwner = { apiClientId: string; clientId: string };

export async function webhookOwner(db: DbOrTx, caller: Caller, clientId: string | undefined): Promise<WebhookOwner> {
  if (clientId === undefined || clientId === caller.clientId)
    return { apiClientId: caller.apiClientId, clientId: caller.clientId };
  const notFound = new AppError('NOT_FOUND', `client_id: no client ${clientId}`, { reason: 'CLIENT_NOT_FOUND' });
  if (!caller.scopes.includes('admin')) throw notFound;
  const [c] = await db.select({ id: apiClients.id }).from(apiClients).where(eq(apiClients.clientId, clientId));
  if (!c) throw notFound;
  return { apiClientId: c.id, clientId };
}

export const noWebhook = (owner: WebhookOwner) =>
  new AppError('NOT_FOUND', `client ${owner.clientId} has no webhook (PUT /v1/webhooks registers one)`, {
    reason: 'WEBHOOK_NOT_FOUND',
  });
