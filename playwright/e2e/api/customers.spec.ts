/**
 * Customers over HTTP (reference M1–M4, M6 and /v1/customers), admin only: create (the client's secret once, and the
 * client works), list and filter (any reference field, ignoring case; pages), get, soft delete (the client's token
 * stops working at once, the customer is gone from lists); bad input a problem naming the field and nothing written;
 * other tokens 403; a duplicate e-mail 409.
 */
import { expect, test, type APIRequestContext } from '@playwright/test';
import postgres from 'postgres';
import { env } from '~/server/env.js';
import { clientToken } from '~/playwright/fixtures/cli';

let sql: postgres.Sql;
test.beforeAll(() => {
  sql = postgres(env.DATABASE_URL, { max: 1, onnotice: () => {} });
});
test.afterAll(() => sql.end());

async function auth(request: APIRequestContext, scopes: string) {
  return (await clientToken(request, scopes)).headers;
}

const tag = () => Math.random().toString(36).slice(2, 8);
const body = (t: string) => ({
  title: 'Dr',
  first_name: 'Ada',
  last_name: `Lovelace-${t}`,
  email: `ada.${t}@Example.org`,
  password: 'never stored',
  address: '1 Analytical Way',
  zip_code: '1010',
  city: `Wien-${t}`,
  country: 'Austria',
  nationality: 'British',
  phone: '+43 1 234',
  company_name: `Engines ${t}`,
});

test('create, use, find, get and delete a customer', async ({ request }) => {
  const admin = await auth(request, 'admin');
  const t = tag();
  const created = await request.post('/v1/crm/users/create', { headers: admin, data: body(t) });
  expect(created.status(), await created.text()).toBe(201);
  const c = await created.json();
  expect(c.client_secret).toMatch(/.{20,}/);
  expect(c.customer).toMatchObject({ first_name: 'Ada', city: `Wien-${t}`, phone_number: '+43 1 234', active: true });
  expect(JSON.stringify(c.customer)).not.toContain('never stored');
  const stored = await sql`select * from customers where id = ${c.customer.customer_id}`;
  expect(JSON.stringify(stored)).not.toContain('never stored');

  // The client works.
  const token = await request.post('/v1/auth/get_bearer_token', {
    data: { user_id: c.client_id, client_secret: c.client_secret },
  });
  const bearer = { authorization: `Bearer ${(await token.json()).access_token}` };
  expect((await request.get('/v1/orders', { headers: bearer })).status()).toBe(200);

  const filtered = await (await request.get(`/v1/crm/users/filter?city=WIEN-${t}&first_name=ada`, { headers: admin })).json();
  expect(filtered.customers.map((x: { customer_id: string }) => x.customer_id)).toEqual([c.customer.customer_id]);
  const got = await (await request.get(`/v1/crm/users/${c.customer.customer_id}`, { headers: admin })).json();
  expect(got.clients).toEqual([{ client_id: c.client_id, name: `Engines ${t}`, disabled: false }]);
  expect((await request.get(`/v1/customers/${c.customer.customer_id}`, { headers: admin })).status()).toBe(200);
  const page = await (await request.get('/v1/customers?limit=1', { headers: admin })).json();
  expect(page.customers).toHaveLength(1);
  expect(page.next_cursor).toBeTruthy();

  expect((await request.delete(`/v1/crm/users/delete/${c.customer.customer_id}`, { headers: admin })).status()).toBe(204);
  expect((await request.get('/v1/orders', { headers: bearer })).status()).toBe(401);
  expect((await (await request.get(`/v1/crm/users/filter?city=Wien-${t}`, { headers: admin })).json()).customers).toEqual([]);
  const after = await (await request.get(`/v1/customers/${c.customer.customer_id}`, { headers: admin })).json();
  expect(after).toMatchObject({ active: false, clients: [{ client_id: c.client_id, disabled: true }] });
  expect(after.deleted_at).toBeTruthy();
  expect((await request.delete(`/v1/customers/${c.customer.customer_id}`, { headers: admin })).status()).toBe(404);
});

test('bad input, duplicates, unknown ids and other tokens', async ({ request }) => {
  const admin = await auth(request, 'admin');
  const t = tag();
  const count = async () => (await sql<{ n: number }[]>`select count(*)::int n from customers`)[0]!.n;
  const before = await count();
  for (const [data, detail] of [
    [{ ...body(t), email: 'not-an-address' }, /^email: /],
    [{ ...body(t), first_name: '' }, /^first_name: /],
    [{ ...body(t), colour: 'red' }, /colour/],
    [{ ...body(t), scopes: ['no such scope!'] }, /scopes/],
  ] as const) {
    const r = await request.post('/v1/customers', { headers: admin, data });
    expect(r.status(), JSON.stringify(data)).toBe(400);
    expect((await r.json()).detail).toMatch(detail);
  }
  expect(await count()).toBe(before);
  expect((await request.post('/v1/customers', { headers: admin, data: body(t) })).status()).toBe(201);
  const dup = await request.post('/v1/customers', { headers: admin, data: { ...body(t), email: `ADA.${t}@example.ORG` } });
  expect(dup.status()).toBe(409);
  expect((await dup.json()).detail).toMatch(/^email: /);
  for (const url of ['/v1/customers/not-a-uuid', '/v1/crm/users/00000000-0000-4000-8000-000000000000']) {
    const r = await request.get(url, { headers: admin });
    expect(r.status(), url).toBe(404);
    expect((await r.json()).detail).toMatch(/^user_id: there is no customer/);
  }
  expect((await request.get('/v1/crm/users/filter?telephone=1', { headers: admin })).status()).toBe(400);
  expect((await request.get('/v1/customers?cursor=abc', { headers: admin })).status()).toBe(400);
  const user = await auth(request, 'user get_product');
  expect((await request.get('/v1/crm/users', { headers: user })).status()).toBe(403);
  expect((await request.post('/v1/crm/users/create', { headers: user, data: body(tag()) })).status()).toBe(403);
});
