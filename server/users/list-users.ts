import { asc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '~/db/client';
import { users, type User } from '~/db/schema';
import { AppError } from '../errors';
import type { UserView } from './schemas';

export const userView = (u: User): UserView => ({
  id: u.id,
  email: u.email,
  name: u.name,
  role: u.role,
  disabled: u.disabledAt !== null,
  mustChangePassword: u.mustChangePassword !== null,
  lastSignInAt: u.lastSignInAt,
  createdAt: u.createdAt,
});

export async function listUsers(db: DbOrTx): Promise<UserView[]> {
  return (await db.select().from(users).orderBy(asc(users.email))).map(userView);
}

export async function findUser(db: DbOrTx, by: { id: string } | { email: string }): Promise<User> {
  const [u] = await db
    .select()
    .from(users)
    .where('id' in by ? eq(users.id, by.id) : sql`lower(${users.email}) = ${by.email.trim().toLowerCase()}`);
  if (!u) throw new AppError('NOT_FOUND', 'id' in by ? 'no such user' : `no user with e-mail ${by.email}`);
  return u;
}
