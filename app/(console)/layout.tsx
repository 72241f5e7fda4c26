/** Every console page: signed-in users only; navigation by role (checked again on the server by each page). */
import { redirect } from 'next/navigation';
import type { ReactNode } from 'react';
import { getConsoleUser, hasRole } from '../../server/auth/console-user';
import { Brand } from '../_components/brand';
import { signOutAction } from './actions';

export const dynamic = 'force-dynamic';

const NAV = [
  { href: '/', label: 'Status', role: 'viewer' },
  { href: '/admin/users', label: 'Users', role: 'admin' },
  { href: '/admin/clients', label: 'API clients', role: 'admin' },
  { href: '/admin/audit', label: 'Audit log', role: 'admin' },
] as const;

export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const user = await getConsoleUser();
  if (!user) redirect('/signin');
  return (
    <>
      <header className="topbar">
        <Brand />
        <nav aria-label="Main" className="nav">
          {NAV.filter((n) => hasRole(user, n.role)).map((n) => (
            <a key={n.href} href={n.href}>
              {n.label}
            </a>
          ))}
        </nav>
        <div className="who">
          <a href="/account" data-testid="account-link">
            {user.email}
          </a>
          <span className="role-badge" data-testid="role">
            {user.role}
          </span>
          <form action={signOutAction}>
            <button type="submit" className="link-button">
              Sign out
            </button>
          </form>
        </div>
      </header>
      {user.mustChangePassword ? (
        <p className="banner" role="status">
          Your password was generated for you. <a href="/account">Choose your own password</a>.
        </p>
      ) : null}
      <main className="page">{children}</main>
    </>
  );
}
