/**
 * Checks a console user's e-mail and password (console sign-in and the legacy /v1/auth/login), with rate limits
 * per account and per IP, and audits the outcome. The same error for an unknown e-mail and a wrong password.
 */
import { eq, sql } from 'drizzle-orm';
import type { Redis } from 'ioredis';
import type { Database } from '~/db/client';
import { users, type User } from '~/db/schema';
import { recordAuditEvent } from '../audit/record-audit-event';
import { hashPassword, verifyPassword } from '../auth/password';
import { AppError } from '../errors';
import { enforceRateLimits } from '../security/rate-limit';
import { assertStorable } from '../security/storable-text';

export type SignInLimits = { perAccount: number; perIp: number; windowSeconds: number };
const WINDOW_S = 15 * 60;
let dummy: Promise<string> | undefined;

export async function authenticateUser(
  deps: { db: Database; redis: Redis; limits: Omit<SignInLimits, 'windowSeconds'>; keyPrefix: string },
  input: { email: string; password: string; ip: string; requestId?: string; via: string },
): Promise<User> {
  assertStorable({ email: input.email, password: input.password }, 'sign-in'); // before any query
  const email = input.email.trim().toLowerCase();
  await enforceRateLimits(deps.redis, [
    { key: `${deps.keyPrefix}:ratelimit:signin:account:${email}`, limit: deps.limits.perAccount, windowSeconds: WINDOW_S },
    { key: `${deps.keyPrefix}:ratelimit:signin:ip:${input.ip}`, limit: deps.limits.perIp, windowSeconds: WINDOW_S },
  ]).catch(async (e) => {
    await recordAuditEvent(deps.db, {
      actorType: 'anonymous',
      actorId: email.slice(0, 128),
      action: 'signin.rate_limited',
      ip: input.ip,
      requestId: input.requestId,
      details: { via: input.via },
    });
    throw e;
  });

  const [user] = await deps.db
    .select()
    .from(users)
    .where(sql`lower(${users.email}) = ${email}`);
  let ok = false;
  if (user?.passwordHash && !user.disabledAt) ok = await verifyPassword(input.password, user.passwordHash);
  else await verifyPassword(input.password, await (dummy ??= hashPassword('timing-equaliser')));

  await recordAuditEvent(deps.db, {
    actorType: ok ? 'user' : 'anonymous',
    actorId: ok ? user!.id : email.slice(0, 128),
    action: ok ? 'signin.ok' : 'signin.failed',
    ip: input.ip,
    requestId: input.requestId,
    details: { via: input.via, ...(user?.disabledAt ? { reason: 'disabled' } : {}) },
  });
  if (!ok || !user) throw new AppError('UNAUTHORIZED', 'wrong e-mail or password', { reason: 'invalid_credentials' });
  await deps.db.update(users).set({ lastSignInAt: new Date() }).where(eq(users.id, user.id));
  return user;
}
