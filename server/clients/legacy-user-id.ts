/**
 * The reference's `user_id`: in its payloads and paths this is the OAuth `client_id` (reference §1.5: a customer *is*
 * an OAuth client; the console sent `user_id: <client_id from login>`). Here a customer may have several clients, so a
 * `user_id` names a customer either by one of its clients' `client_id` or by the customer id itself (a UUID; client
 * ids never have that form: generate-credentials.ts).
 */
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '~/db/client';
import { apiClients, customers } from '~/db/schema';

/** Whether a legacy `user_id` sent by this caller names the caller itself (its client_id or its customer id). */
export const isOwnUserId = (caller: { clientId: string; customerId: string }, value: string) =>
  value === caller.customerId || value === caller.clientId;

/** The customer a legacy `user_id` names (a customer id, or the client_id of one of its clients), or null. */
export async function customerOfUserId(db: Database, value: string): Promise<string | null> {
  if (z.uuid().safeParse(value).success) {
    const [c] = await db.select({ id: customers.id }).from(customers).where(eq(customers.id, value));
    return c?.id ?? null;
  }
  const [k] = await db.select({ id: apiClients.customerId }).from(apiClients).where(eq(apiClients.clientId, value));
  return k?.id ?? null;
}
