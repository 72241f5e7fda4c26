/** Creates a console user with a generated password (returned once; they must change it at first sign-in). */
import { sql } from 'drizzle-orm';
import type { Database } from '~/db/client';
import { users } from '~/db/schema';
import { recordAuditEvent } from '../audit/record-audit-event';
import { generatePassword, hashPassword } from '../auth/password';
import { auditActor, type Actor } from '../clients/audit-actor';
import { AppError } from '../errors';
import { userView } from './list-users';
import { createUserInput, type UserView } from './schemas';

export async function createUser(db: Database, raw: unknown, actor: Actor): Promise<{ user: UserView; password: string }> {
  const input = createUserInput.parse(raw);
  const password = generatePassword();
  const passwordHash = await hashPassword(password);
  return db.transaction(async (tx) => {
    const [dup] = await tx
      .select({ id: users.id })
      .from(users)
      .where(sql`lower(${users.email}) = ${input.email.toLowerCase()}`);
    if (dup) throw new AppError('CONFLICT', `a user with e-mail ${input.email} exists`);
    const [u] = await tx
      .insert(users)
      .values({ email: input.email, name: input.name ?? null, role: input.role, passwordHash, mustChangePassword: new Date() })
      .returning();
    await recordAuditEvent(tx, {
      ...auditActor(actor),
      action: 'user.created',
      targetType: 'user',
      targetId: u!.id,
      details: { email: input.email, role: input.role },
    });
    return { user: userView(u!), password };
  });
}
