/**
 * Every console page: signed-in users only; navigation by role (checked again on the server by each page).
 * While the database is unreachable the page says so and reloads itself, instead of an error page and a stack trace
 * in the log.
 */
import { redirect } from 'next/navigation';
import type { ReactNode } from 'react';
import { getConsoleUser, hasRole, type ConsoleUser } from '~/server/auth/console-user';
import { asUnavailable, logUnavailable, RETRY_AFTER_SECONDS } from '~/server/dependency-failure';
import { createLogger } from '~/server/logging/logger';
import { Brand } from '../_components/brand';
import { signOutAction } from './actions';

export const dynamic = 'force-dynamic';

const NAV = [
  { href: '/', label: 'Status', role: 'viewer' },
  { href: '/admin/users', label: 'Users', role: 'admin' },
  { href: '/admin/clients', label: 'API clients', role: 'admin' },
  { href: '/admin/audit', label: 'Audit log', role: 'admin' },
] as const;

const log = createLogger('console');

export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  let user: ConsoleUser | null;
  try {
    user = await getConsoleUser();
  } catch (e) {
    const outage = asUnavailable(e);
    if (!outage) throw e;
    logUnavailable(log, outage, { page: 'console' });
    return (
      <main className="page">
        <meta httpEquiv="refresh" content={String(RETRY_AFTER_SECONDS)} />
        <h1>Service unavailable</h1>
        <p role="alert" data-testid="unavailable">
          {outage.detail}. This page reloads itself.
        </p>
      </main>
    );
  }
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
