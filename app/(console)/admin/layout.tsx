/** Admin pages: refused on the server unless the signed-in user is an admin (the content is never rendered). */
import type { ReactNode } from 'react';
import { getConsoleUser, hasRole } from '~/server/auth/console-user';
import { AccessDenied } from '~/app/_components/access-denied';

export default async function AdminLayout({ children }: { children: ReactNode }) {
  const user = await getConsoleUser();
  if (!hasRole(user, 'admin')) return <AccessDenied role="admin" />;
  return <>{children}</>;
}
