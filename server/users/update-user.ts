/** Admin changes to a user: role, disabled flag, or a new generated password. Each one audited. */
import { eq } from 'drizzle-orm';
import type { Database } from '~/db/client';
import { users } from '~/db/schema';
import { recordAuditEvent } from '../audit/record-audit-event';
import { generatePassword, hashPassword } from '../auth/password';
import { auditActor, type Actor } from '../clients/audit-actor';
import { AppError } from '../errors';
import { findUser, userView } from './list-users';
import type { Role, UserView } from './schemas';

async function assertNotLastAdmin(db: Database, userId: string) {
  const admins = await db.select({ id: users.id, disabledAt: users.disabledAt }).from(users).where(eq(users.role, 'admin'));
  const active = admins.filter((a) => !a.disabledAt);
  if (active.length === 1 && active[0]!.id === userId) throw new AppError('CONFLICT', 'this is the last active admin');
}

export async function setUserRole(db: Database, opts: { userId: string; role: Role }, actor: Actor): Promise<UserView> {
  const before = await findUser(db, { id: opts.userId });
  if (before.role === 'admin' && opts.role !== 'admin') await assertNotLastAdmin(db, before.id);
  const [u] = await db.update(users).set({ role: opts.role }).where(eq(users.id, before.id)).returning();
  await recordAuditEvent(db, {
    ...auditActor(actor),
    action: 'user.role_changed',
    targetType: 'user',
    targetId: before.id,
    details: { email: before.email, from: before.role, to: opts.role },
  });
  return userView(u!);
}

export async function setUserDisabled(
  db: Database,
  opts: { userId: string; disabled: boolean },
  actor: Actor,
): Promise<UserView> {
  const before = await findUser(db, { id: opts.userId });
  if (opts.disabled && before.role === 'admin') await assertNotLastAdmin(db, before.id);
  const [u] = await db
    .update(users)
    .set({ disabledAt: opts.disabled ? new Date() : null })
    .where(eq(users.id, before.id))
    .returning();
  await recordAuditEvent(db, {
    ...auditActor(actor),
    action: opts.disabled ? 'user.disabled' : 'user.enabled',
    targetType: 'user',
    targetId: before.id,
  });
  return userView(u!);
}

export async function resetUserPassword(db: Database, opts: { userId: string }, actor: Actor): Promise<{ password: string }> {
  const user = await findUser(db, { id: opts.userId });
  const password = generatePassword();
  await db
    .update(users)
    .set({ passwordHash: await hashPassword(password), mustChangePassword: new Date() })
    .where(eq(users.id, user.id));
  await recordAuditEvent(db, { ...auditActor(actor), action: 'user.password_reset', targetType: 'user', targetId: user.id });
  return { password };
}
