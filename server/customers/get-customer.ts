/** M4: one customer (deleted ones too, marked), with its clients; 404 otherwise. */
import { asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '~/db/client';
import { apiClients, customers } from '~/db/schema';
import { AppError } from '../errors';
import { toCustomerView, type CustomerView } from './customer-view';

export const customerNotFound = (id: string) =>
  new AppError('NOT_FOUND', `user_id: there is no customer ${id}`, { reason: 'UNKNOWN_CUSTOMER' });

export async function getCustomer(db: Database, id: string): Promise<CustomerView> {
  if (!z.uuid().safeParse(id).success) throw customerNotFound(id);
  const [c] = await db.select().from(customers).where(eq(customers.id, id));
  if (!c) throw customerNotFound(id);
  const clients = await db
    .select({ client_id: apiClients.clientId, name: apiClients.name, disabledAt: apiClients.disabledAt })
    .from(apiClients)
    .where(eq(apiClients.customerId, id))
    .orderBy(asc(apiClients.createdAt));
  return toCustomerView(
    c,
    clients.map((k) => ({ client_id: k.client_id, name: k.name, disabled: k.disabledAt !== null })),
  );
}
