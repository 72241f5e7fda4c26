/** A signed-in user changes their own password: the current one must be right, the new one strong and different. */
import { eq } from 'drizzle-orm';
import type { Database } from '~/db/client';
import { users } from '~/db/schema';
import { recordAuditEvent } from '../audit/record-audit-event';
import { hashPassword, verifyPassword } from '../auth/password';
import { AppError } from '../errors';
import { findUser } from './list-users';
import { newPassword } from './schemas';

export async function changeOwnPassword(
  db: Database,
  opts: { userId: string; currentPassword: string; newPassword: string; ip?: string },
): Promise<void> {
  const user = await findUser(db, { id: opts.userId });
  if (!user.passwordHash || !(await verifyPassword(opts.currentPassword, user.passwordHash))) {
    throw new AppError('VALIDATION', 'currentPassword: the current password is wrong');
  }
  const parsed = newPassword.safeParse(opts.newPassword);
  if (!parsed.success) throw new AppError('VALIDATION', `newPassword: ${parsed.error.issues[0]!.message}`);
  if (opts.newPassword === opts.currentPassword)
    throw new AppError('VALIDATION', 'newPassword: choose a password different from the current one');
  await db
    .update(users)
    .set({ passwordHash: await hashPassword(opts.newPassword), mustChangePassword: null })
    .where(eq(users.id, user.id));
  await recordAuditEvent(db, {
    actorType: 'user',
    actorId: user.id,
    action: 'user.password_changed',
    targetType: 'user',
    targetId: user.id,
    ip: opts.ip,
  });
}
