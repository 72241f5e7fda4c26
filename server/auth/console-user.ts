/**
 * The signed-in console user of this request, read fresh from the database (role, disabled), or null.
 * Pages, server actions and tRPC all go through this; `hasRole` decides on the server.
 */
import { eq } from 'drizzle-orm';
import { cache } from 'react';
import { users } from '~/db/schema';
import { getAppDeps } from '../deps';
import type { Role } from '../users/schemas';
import { auth } from './nextauth';

export type ConsoleUser = { id: string; email: string; name: string | null; role: Role; mustChangePassword: boolean };

const RANK: Record<Role, number> = { viewer: 1, operator: 2, admin: 3 };

export const getConsoleUser = cache(async (): Promise<ConsoleUser | null> => {
  const session = (await auth()) as { uid?: string } | null;
  if (!session?.uid) return null;
  const { db } = await getAppDeps();
  const [u] = await db.select().from(users).where(eq(users.id, session.uid));
  if (!u || u.disabledAt) return null;
  return { id: u.id, email: u.email, name: u.name, role: u.role, mustChangePassword: u.mustChangePassword !== null };
});

export const hasRole = (user: ConsoleUser | null, role: Role) => !!user && RANK[user.role] >= RANK[role];
