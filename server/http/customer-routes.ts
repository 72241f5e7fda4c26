/**
 * The thin REST layer of customers (reference M1–M4, M6; admin only), shared by the legacy routes
 * (`/v1/crm/users/...`) and the resource routes (`/v1/customers`, `/v1/customers/{id}`).
 */
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

export async function getCustomerRoute({ deps, params }: ApiHandlerArgs) {
  return Response.json(await getCustomer(deps.db, params.user_id ?? params.customer_id!), { headers: noStore });
}

export async function deleteCustomerRoute({ deps, caller, params, ip, requestId }: ApiHandlerArgs) {
  await deleteCustomer(deps.db, actorOf(caller, { ip, requestId }), params.user_id ?? params.customer_id!, {
    tokenTtlSeconds: deps.auth.tokenTtlSeconds,
  });
  return new Response(null, { status: 204 });
}
