/** Customers (admin): the resource routes (`/v1/customers`) and the reference's (`/v1/crm/users/*`, M1–M4, M6). */
import { z } from 'zod';
import { createCustomerBody, customerFilter } from '../../customers/customer-body';
import { CUSTOMER_SCOPES } from '../../http/customer-routes';
import { bearer, defineOperations } from '../define-operation';
import { instant } from '../shared';

const nullableText = z.string().nullable();

export const customerView = z
  .object({
    customer_id: z.string(),
    name: z.string(),
    title: nullableText,
    first_name: nullableText,
    last_name: nullableText,
    email: nullableText,
    address: nullableText,
    zip_code: nullableText,
    city: nullableText,
    country: nullableText,
    nationality: nullableText,
    phone_number: nullableText,
    company_name: nullableText,
    active: z.boolean(),
    created_at: instant,
    deleted_at: instant.nullable(),
    clients: z.array(z.object({ client_id: z.string(), name: z.string(), disabled: z.boolean() })),
  })
  .meta({ id: 'Customer', description: 'A customer with its API clients (never a secret)' });

const created = z.object({ client_id: z.string(), client_secret: z.string(), customer: customerView });
const page = z.object({ customers: z.array(customerView), next_cursor: z.string().nullable() });
const example = { first_name: 'Ada', last_name: 'Lovelace', email: 'ada@example.org', city: 'Vienna' };
const ops = { tags: ['Customers'], access: bearer(CUSTOMER_SCOPES) } as const;
const userPath = z.object({ user_id: z.string().meta({ description: 'A customer id or one of its client_ids' }) });
const customerPath = z.object({ customer_id: z.string() });

export const customerOperations = defineOperations([
  {
    ...ops,
    method: 'get',
    path: '/v1/customers',
    operationId: 'listCustomers',
    summary: 'Customers by name, filtered (every field given must match), in pages',
    params: { query: customerFilter },
    responses: { 200: { description: 'A page of customers', schema: page } },
  },
  {
    ...ops,
    method: 'post',
    path: '/v1/customers',
    operationId: 'createCustomer',
    summary: 'A customer and its first API client (the secret is shown only here)',
    body: { schema: createCustomerBody, examples: { ada: { value: example } } },
    responses: { 201: { description: 'Created', schema: created, headers: { location: 'The customer URL' } } },
    errors: [409],
  },
  {
    ...ops,
    method: 'get',
    path: '/v1/customers/{customer_id}',
    operationId: 'getCustomer',
    summary: 'One customer with its clients',
    params: { path: customerPath },
    responses: { 200: { description: 'The customer', schema: customerView } },
    errors: [404],
  },
  {
    ...ops,
    method: 'delete',
    path: '/v1/customers/{customer_id}',
    operationId: 'deleteCustomer',
    summary: 'Soft-delete a customer: its clients are disabled, their tokens revoked',
    params: { path: customerPath },
    responses: { 204: { description: 'Deleted' } },
    errors: [404],
  },
  {
    ...ops,
    method: 'post',
    path: '/v1/crm/users/create',
    operationId: 'legacyCreateCustomer',
    summary: 'A customer and its first API client (reference M1)',
    body: { schema: createCustomerBody, examples: { ada: { value: example } } },
    responses: { 201: { description: 'Created', schema: created, headers: { location: 'The customer URL' } } },
    errors: [409],
    legacy: ['M1'],
  },
  {
    ...ops,
    method: 'get',
    path: '/v1/crm/users',
    operationId: 'legacyListCustomers',
    summary: 'Customers not deleted, by name, in pages',
    params: { query: customerFilter },
    responses: { 200: { description: 'A page of customers', schema: page } },
    legacy: ['M2'],
  },
  {
    ...ops,
    method: 'get',
    path: '/v1/crm/users/filter',
    operationId: 'legacyFilterCustomers',
    summary: 'Customers matching every field given',
    params: { query: customerFilter },
    responses: { 200: { description: 'A page of customers', schema: page } },
    legacy: ['M3'],
  },
  {
    ...ops,
    method: 'get',
    path: '/v1/crm/users/{user_id}',
    operationId: 'legacyGetCustomer',
    summary: 'One customer with its clients',
    params: { path: userPath },
    responses: { 200: { description: 'The customer', schema: customerView } },
    errors: [404],
    legacy: ['M4'],
  },
  {
    ...ops,
    method: 'delete',
    path: '/v1/crm/users/delete/{user_id}',
    operationId: 'legacyDeleteCustomer',
    summary: 'Soft-delete a customer, disable its clients, revoke their tokens',
    params: { path: userPath },
    responses: { 204: { description: 'Deleted' } },
    errors: [404],
    legacy: ['M6'],
  },
]);
