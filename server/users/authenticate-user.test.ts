import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { seedDatabase } from '~/db/seed/seed-database';
import { useTestDatabase } from '~/test/db';
import { useTestRedis } from '~/test/redis';
import { type AppError } from '../errors';
import { authenticateUser } from './authenticate-user';
import { createUser } from './create-user';
import { setUserDisabled } from './update-user';

const t = useTestDatabase();
const r = useTestRedis();
const system = { type: 'system' as const, id: 'test' };
let deps: Parameters<typeof authenticateUser>[0];

beforeAll(async () => {
  await seedDatabase(t.db, { adminEmail: 'admin@example.org' });
  deps = { db: t.db, redis: r.redis, limits: { perAccount: 5, perIp: 100 }, keyPrefix: r.prefix };
});

const attempt = (email: string, password: string, ip = '10.1.1.1') =>
  authenticateUser(deps, { email, password, ip, via: 'test' });
const codeOf = (p: Promise<unknown>) =>
  p.then(
    () => 'OK',
    (e: AppError) => e.code,
  );

describe('console sign-in', () => {
  it('accepts the right password (e-mail in any case) and refuses a wrong one with the same message as an unknown e-mail', async () => {
    const { user, password } = await createUser(t.db, { email: 'Someone@Example.org', role: 'viewer' }, system);
    await expect(attempt('someone@example.ORG', password)).resolves.toMatchObject({ id: user.id });
    const wrong = await attempt('someone@example.org', 'nope').catch((e: AppError) => e.detail);
    const unknown = await attempt('nobody@example.org', 'nope').catch((e: AppError) => e.detail);
    expect(wrong).toBe('wrong e-mail or password');
    expect(unknown).toBe(wrong);
  });

  it('refuses a disabled user', async () => {
    const { user, password } = await createUser(t.db, { email: 'gone@example.org', role: 'viewer' }, system);
    await setUserDisabled(t.db, { userId: user.id, disabled: true }, system);
    expect(await codeOf(attempt('gone@example.org', password))).toBe('UNAUTHORIZED');
  });

  it('rate-limits an account after 5 tries, even with the right password', async () => {
    const { password } = await createUser(t.db, { email: 'target@example.org', role: 'viewer' }, system);
    for (let i = 0; i < 5; i++) expect(await codeOf(attempt('target@example.org', `guess-${i}`))).toBe('UNAUTHORIZED');
    const limited = await attempt('target@example.org', password).catch((e: AppError) => e);
    expect(limited).toMatchObject({ code: 'RATE_LIMITED' });
    expect(Number((limited as AppError).headers?.['retry-after'])).toBeGreaterThan(0);
  });

  it('refuses an e-mail that cannot be stored (a NUL) with 400, before any query or audit row', async () => {
    const before = await t.db.execute(sql`select count(*)::int as n from audit_log`);
    expect(await codeOf(attempt('a\u0000@example.org', 'x'))).toBe('VALIDATION');
    expect(await codeOf(attempt('b@example.org\ud800', 'x'))).toBe('VALIDATION');
    const after = await t.db.execute(sql`select count(*)::int as n from audit_log`);
    expect(after[0]).toEqual(before[0]);
  });

  it('audits successes, failures and rate limiting', async () => {
    const rows = await t.db.execute<{ action: string }>(
      sql`select distinct action from audit_log where action like 'signin.%' order by 1`,
    );
    expect(rows.map((x) => x.action)).toEqual(['signin.failed', 'signin.ok', 'signin.rate_limited']);
  });
});
