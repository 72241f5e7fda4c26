/**
 * M1: a customer with its first API client (named after the customer), whose secret is returned here once. A second
 * customer with the same e-mail (any case) is a 409. Audited (client.created).
 */
import type { Database } from '~/db/client';
import { createClient } from '../clients/create-client';
import type { Actor } from '../clients/audit-actor';
import { AppError } from '../errors';
import { toCustomerInput, type CreateCustomerBody } from './customer-body';
import { getCustomer } from './get-customer';
import type { CustomerView } from './customer-view';

export async function createCustomer(
  db: Database,
  actor: Actor,
  body: CreateCustomerBody,
): Promise<{ customer: CustomerView; client_id: string; client_secret: string }> {
  const customer = toCustomerInput(body);
  try {
    const { client, clientSecret } = await createClient(
      db,
      { name: customer.name.slice(0, 128), scopes: body.scopes ?? ['user', 'get_product'], customer },
      actor,
    );
    return { customer: await getCustomer(db, client.customerId), client_id: client.clientId, client_secret: clientSecret };
  } catch (e) {
    if (/customers_email_lower_key/.test(String((e as { cause?: unknown }).cause ?? e)))
      throw new AppError('CONFLICT', `email: a customer with e-mail ${body.email} exists`, { reason: 'CUSTOMER_EXISTS' });
    if (e instanceof AppError && e.code === 'CONFLICT')
      throw new AppError('CONFLICT', `email: ${e.detail}`, { reason: 'CUSTOMER_EXISTS' });
    throw e;
  }
}
