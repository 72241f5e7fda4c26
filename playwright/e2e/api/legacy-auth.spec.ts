/** The legacy /v1/auth endpoints keep their request and response shapes (reference §2.2). */
import { expect, test, type APIRequestContext } from '@playwright/test';
import { newClient, newUser } from '~/playwright/fixtures/cli';

async function legacyToken(request: APIRequestContext, user_id: string, client_secret: string) {
  const r = await request.post('/v1/auth/get_bearer_token', { data: { user_id, client_secret } });
  return { status: r.status(), body: await r.json() };
}

test.describe('legacy /v1/auth', () => {
  test('get_bearer_token: {user_id, client_secret} → {access_token, expires_in, token_type, scope}', async ({ request }) => {
    const c = newClient('get_product');
    const { status, body } = await legacyToken(request, c.client_id, c.client_secret);
    expect(status).toBe(200);
    expect(Object.keys(body).sort()).toEqual(['access_token', 'expires_in', 'scope', 'token_type']);
    expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 3600, scope: 'get_product' });
    const bad = await legacyToken(request, c.client_id, 'wrong');
    expect(bad.status).toBe(401);
    expect(bad.body.detail).toMatch(/Submitted client is invalid/);
    const missing = await request.post('/v1/auth/get_bearer_token', { data: { user_id: c.client_id } });
    expect(missing.status()).toBe(400);
    expect((await missing.json()).detail).toMatch(/client_secret/);
  });

  test('admin client management: create, list, read, update scopes, revoke tokens, delete', async ({ request }) => {
    const admin = newClient('admin');
    const { body: tok } = await legacyToken(request, admin.client_id, admin.client_secret);
    const auth = { authorization: `Bearer ${tok.access_token}` };

    const created = await request.post('/v1/auth/clients/create', { headers: auth, data: { client_name: 'Legacy portal' } });
    expect(created.status()).toBe(201);
    const { client_id, client_secret } = await created.json();
    expect(client_secret).toMatch(/^[\w-]{43}$/);

    const list = await (await request.get('/v1/auth/clients', { headers: auth })).json();
    expect(list.oauth_clients).toContainEqual({
      client_id,
      client_name: 'Legacy portal',
      grant_type: 'client_credentials',
      response_type: '',
      scope: 'user',
    });
    expect(JSON.stringify(list)).not.toContain(client_secret);
    expect(await (await request.get(`/v1/auth/clients/${client_id}`, { headers: auth })).json()).toMatchObject({
      client_id,
      scope: 'user',
    });
    expect((await request.get('/v1/auth/clients/nope', { headers: auth })).status()).toBe(404);

    const upd = await request.patch('/v1/auth/scopes/update', { headers: auth, data: { client_id, scope: 'user get_product' } });
    expect(upd.status()).toBe(204);
    expect(await (await request.get(`/v1/auth/scopes/${client_id}`, { headers: auth })).json()).toEqual({
      client_id,
      scope: 'get_product user',
    });
    const badScope = await request.patch('/v1/auth/scopes/update', { headers: auth, data: { client_id, scope: 'superuser' } });
    expect(badScope.status()).toBe(400);
    expect((await badScope.json()).detail).toBe('unknown scope(s): superuser');

    const { body: clientTok } = await legacyToken(request, client_id, client_secret);
    const clientAuth = { authorization: `Bearer ${clientTok.access_token}` };
    expect((await request.get('/v1/auth/me', { headers: clientAuth })).status()).toBe(200);
    expect((await request.delete(`/v1/auth/tokens/delete/${client_id}`, { headers: auth })).status()).toBe(204);
    expect((await request.get('/v1/auth/me', { headers: clientAuth })).status()).toBe(401);

    expect((await request.delete(`/v1/auth/clients/delete/${client_id}`, { headers: auth })).status()).toBe(204);
    expect((await legacyToken(request, client_id, client_secret)).status).toBe(401);
  });

  test('login returns a token for a console user and never a client secret', async ({ request }) => {
    const user = newUser('operator');
    const r = await request.post('/v1/auth/login', { data: { email: user.email, password: user.password } });
    expect(r.status()).toBe(200);
    const body = await r.json();
    expect(Object.keys(body).sort()).toEqual(['access_token', 'client_id', 'expires_in', 'scope', 'token_type']);
    expect(body.scope).toBe('get_product user');
    const who = await (await request.get('/v1/auth/me', { headers: { authorization: `Bearer ${body.access_token}` } })).json();
    expect(who).toMatchObject({ client_id: 'clcplus-console', scope: 'get_product user' });
    const wrong = await request.post('/v1/auth/login', { data: { email: user.email, password: 'nope' } });
    expect(wrong.status()).toBe(401);
    expect(JSON.stringify(await wrong.json())).not.toContain('nope');
  });

  test('"delete everything" endpoints are not carried over', async ({ request }) => {
    for (const p of ['/v1/auth/clients/delete', '/v1/auth/tokens/delete']) {
      expect([404, 405]).toContain((await request.delete(p)).status());
    }
  });
});
