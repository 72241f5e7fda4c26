/**
 * The thin REST layer of customers (reference M1–M4, M6; admin only), shared by the legacy routes
 * (`/v1/crm/users/...`) and the resource routes (`/v1/customers`, `/v1/customers/{id}`).
 */
import { customerOfUserId } from '../clients/legacy-user-id';
import { createCustomer } from '../customers/create-customer';
import { createCustomerBody, customerFilter } from '../customers/customer-body';
import { deleteCustomer } from '../customers/delete-customer';
import { getCustomer } from '../customers/get-customer';
import { listCustomers } from '../customers/list-customers';
import { actorOf } from './actor';
import { jsonBody, queryParams } from './request';
import type { ApiHandlerArgs } from './with-api-client';

export const CUSTOMER_SCOPES = ['admin'];
const noStore = { 'cache-control': 'no-store' };

export async function createCustomerRoute({ deps, caller, req, ip, requestId }: ApiHandlerArgs) {
  const r = await createCustomer(deps.db, actorOf(caller, { ip, requestId }), await jsonBody(req, createCustomerBody));
  // The reference's answer ({client_id, client_secret}) plus the customer; the secret is shown only here.
  return Response.json(
    { client_id: r.client_id, client_secret: r.client_secret, customer: r.customer },
    { status: 201, headers: { ...noStore, location: `/v1/customers/${r.customer.customer_id}` } },
  );
}

export async function listCustomersRoute({ deps, req }: ApiHandlerArgs) {
  return Response.json(await listCustomers(deps.db, queryParams(req, customerFilter)), { headers: noStore });
}

/** `/v1/customers/{customer_id}`, or the legacy `/v1/crm/users/{user_id}`: a customer id or one of its client_ids. */
const customerIdOf = async ({ deps, params }: ApiHandlerArgs) =>
  params.customer_id ?? (await customerOfUserId(deps.db, params.user_id!)) ?? params.user_id!;

export async function getCustomerRoute(a: ApiHandlerArgs) {
  return Response.json(await getCustomer(a.deps.db, await customerIdOf(a)), { headers: noStore });
}

export async function deleteCustomerRoute(a: ApiHandlerArgs) {
  const { deps, caller, ip, requestId } = a;
  await deleteCustomer(deps.db, actorOf(caller, { ip, requestId }), await customerIdOf(a), {
    tokenTtlSeconds: deps.auth.tokenTtlSeconds,
  });
  return new Response(null, { status: 204 });
}
