/** POST /v1/auth/login: a console user's e-mail and password → a token of the console client with the role's scopes. */
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { POST } from '~/app/v1/auth/login/route';
import { GET as me } from '~/app/v1/auth/me/route';
import { auditLog, users } from '~/db/schema';
import { CONSOLE_CLIENT_ID } from '~/server/auth/console-client';
import { createUser } from '~/server/users/create-user';
import { useEndpoint } from '~/test/endpoint';

const api = useEndpoint();
const path = '/v1/auth/login';
const system = { type: 'system', id: 'test' } as const;

describe('POST /v1/auth/login', () => {
  it('an operator gets a console-client token with get_product and user, never a secret', async () => {
    const { user, password } = await createUser(api.db, { email: 'op@example.org', role: 'operator' }, system);
    const r = await api.call(POST, path, { body: { email: 'OP@example.org', password } });
    expect(r.status, r.text).toBe(200);
    expect(r.headers.get('cache-control')).toBe('no-store');
    expect(r.json).toEqual({
      access_token: expect.any(String),
      expires_in: api.deps.auth.tokenTtlSeconds,
      token_type: 'Bearer',
      scope: 'get_product user',
      client_id: CONSOLE_CLIENT_ID,
    });
    const who = await api.call(me, '/v1/auth/me', { token: r.json.access_token });
    expect(who.json).toMatchObject({ client_id: CONSOLE_CLIENT_ID, subject: user.id, scope: 'get_product user' });
    const [row] = await api.db.select().from(users).where(eq(users.id, user.id));
    expect(row!.lastSignInAt).not.toBeNull();
    const ok = await api.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'signin.ok'), eq(auditLog.actorId, user.id)));
    expect(ok).toHaveLength(1);
  });

  it('bad input: 400 naming the field, nothing written', async () => {
    for (const [body, detail] of [
      [{ password: 'secret-secret' }, /^email:/],
      [{ email: 'op@example.org' }, /^password:/],
      [{ email: 'op@example.org', password: '' }, /^password:/],
      [{ email: 'op@example.org', password: 'x', remember: true }, /remember/],
    ] as const) {
      const r = await api.unchanged(() => api.call(POST, path, { body }));
      api.expectProblem(r, 400, detail);
    }
  });

  it('a wrong password or an unknown e-mail is 401 with the same answer, and audited as signin.failed', async () => {
    await createUser(api.db, { email: 'viewer@example.org', role: 'viewer' }, system);
    const wrong = await api.call(POST, path, { body: { email: 'viewer@example.org', password: 'wrong-password' } });
    api.expectProblem(wrong, 401, /wrong e-mail or password/);
    const unknown = await api.call(POST, path, { body: { email: 'nobody@example.org', password: 'wrong-password' } });
    api.expectProblem(unknown, 401, /wrong e-mail or password/);
    expect(unknown.json.detail).toBe(wrong.json.detail);
    const failed = await api.db.select().from(auditLog).where(eq(auditLog.action, 'signin.failed'));
    expect(failed.map((a) => a.actorId ?? '').sort()).toEqual(['nobody@example.org', 'viewer@example.org']);
    expect(wrong.text).not.toMatch(/secret/);
  });
});
