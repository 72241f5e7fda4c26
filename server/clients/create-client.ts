/**
 * Creates an API client (and, unless an existing customer is named, its customer) with a generated secret.
 * The secret is returned here once and stored only as a scrypt hash.
 */
import { eq } from 'drizzle-orm';
import type { Database } from '~/db/client';
import { apiClients, apiClientScopes, clientSecrets, customers } from '~/db/schema';
import { recordAuditEvent } from '../audit/record-audit-event';
import { hashPassword } from '../auth/password';
import { AppError } from '../errors';
import { assertScopesExist } from './assert-scopes-exist';
import { auditActor, type Actor } from './audit-actor';
import { newClientId, newClientSecret, secretHint } from './generate-credentials';
import { getClient } from './get-client';
import { createClientInput, type ClientView, type CreateClientInput } from './schemas';

export async function createClient(
  db: Database,
  rawInput: CreateClientInput,
  actor: Actor,
): Promise<{ client: ClientView; clientSecret: string }> {
  const input = createClientInput.parse(rawInput);
  const scopes = [...new Set(input.scopes)];
  await assertScopesExist(db, scopes);
  const clientId = newClientId();
  const clientSecret = newClientSecret();
  const secretHash = await hashPassword(clientSecret);

  await db.transaction(async (tx) => {
    let customerId = input.customerId;
    if (customerId) {
      const [c] = await tx.select({ id: customers.id }).from(customers).where(eq(customers.id, customerId));
      if (!c) throw new AppError('VALIDATION', `customerId: no customer ${customerId}`);
    } else {
      const data = input.customer ?? { name: input.name };
      if (data.email) {
        const [dup] = await tx.select({ id: customers.id }).from(customers).where(eq(customers.email, data.email));
        if (dup) throw new AppError('CONFLICT', `a customer with e-mail ${data.email} exists; pass its customerId`);
      }
      const [c] = await tx.insert(customers).values(data).returning({ id: customers.id });
      customerId = c!.id;
    }
    const [client] = await tx
      .insert(apiClients)
      .values({ clientId, customerId, name: input.name, authMethod: input.authMethod })
      .returning({ id: apiClients.id });
    await tx.insert(apiClientScopes).values(scopes.map((scope) => ({ apiClientId: client!.id, scope })));
    await tx.insert(clientSecrets).values({ apiClientId: client!.id, secretHash, hint: secretHint(clientSecret) });
    await recordAuditEvent(tx, {
      ...auditActor(actor),
      action: 'client.created',
      targetType: 'client',
      targetId: clientId,
      details: { name: input.name, scopes: scopes.join(' '), customer_id: customerId },
    });
  });
  return { client: await getClient(db, clientId), clientSecret };
}
