import { and, asc, desc, eq, gt, inArray, isNull, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '~/db/client';
import { apiClients, apiClientScopes, clientKeys, clientSecrets, customers } from '~/db/schema';
import { AppError } from '../errors';
import type { ClientView } from './schemas';

/** Clients as the console and the admin API show them (never a secret: only its first characters). */
export async function getClientViews(
  db: DbOrTx,
  where: { clientIds?: string[]; enabledOnly?: boolean; limit?: number; offset?: number } = {},
): Promise<ClientView[]> {
  const rows = await db
    .select({ c: apiClients, customerName: customers.name })
    .from(apiClients)
    .innerJoin(customers, eq(customers.id, apiClients.customerId))
    .where(
      and(
        where.clientIds ? inArray(apiClients.clientId, where.clientIds) : sql`true`,
        where.enabledOnly ? isNull(apiClients.disabledAt) : sql`true`,
      ),
    )
    .orderBy(desc(apiClients.createdAt), asc(apiClients.clientId))
    .limit(where.limit ?? 1000)
    .offset(where.offset ?? 0);
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.c.id);
  const now = new Date();
  const [scopes, secrets, keys] = await Promise.all([
    db.select().from(apiClientScopes).where(inArray(apiClientScopes.apiClientId, ids)).orderBy(asc(apiClientScopes.scope)),
    db
      .select()
      .from(clientSecrets)
      .where(and(inArray(clientSecrets.apiClientId, ids), or(isNull(clientSecrets.expiresAt), gt(clientSecrets.expiresAt, now))))
      .orderBy(desc(clientSecrets.createdAt)),
    db
      .select()
      .from(clientKeys)
      .where(and(inArray(clientKeys.apiClientId, ids), isNull(clientKeys.revokedAt)))
      .orderBy(asc(clientKeys.createdAt)),
  ]);
  return rows.map(({ c, customerName }) => ({
    id: c.id,
    clientId: c.clientId,
    name: c.name,
    customerId: c.customerId,
    customerName,
    scopes: scopes.filter((s) => s.apiClientId === c.id).map((s) => s.scope),
    authMethod: c.authMethod,
    disabled: c.disabledAt !== null,
    createdAt: c.createdAt,
    lastTokenAt: c.lastTokenAt,
    secrets: secrets
      .filter((s) => s.apiClientId === c.id)
      .map((s) => ({ id: s.id, hint: s.hint, createdAt: s.createdAt, expiresAt: s.expiresAt })),
    keys: keys.filter((k) => k.apiClientId === c.id).map((k) => ({ kid: k.kid, createdAt: k.createdAt })),
  }));
}

export async function getClient(db: DbOrTx, clientId: string): Promise<ClientView> {
  const [view] = await getClientViews(db, { clientIds: [clientId] });
  if (!view) throw new AppError('NOT_FOUND', `no client with client_id ${clientId}`);
  return view;
}

/** The internal id of a client by its public client_id, or 404. */
export async function clientRowId(db: DbOrTx, clientId: string): Promise<string> {
  const [row] = await db.select({ id: apiClients.id }).from(apiClients).where(eq(apiClients.clientId, clientId));
  if (!row) throw new AppError('NOT_FOUND', `no client with client_id ${clientId}`);
  return row.id;
}
