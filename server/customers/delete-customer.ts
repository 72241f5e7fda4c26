/**
 * M6: soft-deletes a customer: the record stays (orders and audit keep their owner) marked deleted and inactive, its
 * API clients are disabled (their tokens are refused from the next request on) and their live tokens put on the
 * deny-list. "Delete every customer" (M5) and delete-by-filter (M7) are not carried over. Audited.
 */
import { and, eq, isNull } from 'drizzle-orm';
import type { Database } from '~/db/client';
import { apiClients, customers } from '~/db/schema';
import { recordAuditEvent } from '../audit/record-audit-event';
import { auditActor, type Actor } from '../clients/audit-actor';
import { revokeClientTokens } from '../clients/revoke-client-tokens';
import { customerNotFound } from './get-customer';
import { z } from 'zod';

export async function deleteCustomer(
  db: Database,
  actor: Actor,
  id: string,
  opts: { tokenTtlSeconds: number },
): Promise<{ clients: number }> {
  if (!z.uuid().safeParse(id).success) throw customerNotFound(id);
  const clients = await db.transaction(async (tx) => {
    const [c] = await tx
      .update(customers)
      .set({ deletedAt: new Date(), active: false, updatedAt: new Date() })
      .where(and(eq(customers.id, id), isNull(customers.deletedAt)))
      .returning({ id: customers.id });
    if (!c) throw customerNotFound(id);
    const disabled = await tx
      .update(apiClients)
      .set({ disabledAt: new Date() })
      .where(and(eq(apiClients.customerId, id), isNull(apiClients.disabledAt)))
      .returning({ clientId: apiClients.clientId });
    await recordAuditEvent(tx, {
      ...auditActor(actor),
      action: 'customer.deleted',
      targetType: 'customer',
      targetId: id,
      details: { clients_disabled: disabled.map((d) => d.clientId).join(' ') },
    });
    return tx.select({ clientId: apiClients.clientId }).from(apiClients).where(eq(apiClients.customerId, id));
  });
  for (const k of clients) await revokeClientTokens(db, { clientId: k.clientId, tokenTtlSeconds: opts.tokenTtlSeconds }, actor);
  return { clients: clients.length };
}
