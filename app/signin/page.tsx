import { redirect } from 'next/navigation';
import { getConsoleUser } from '~/server/auth/console-user';
import { env } from '~/server/env.js';
import { Brand } from '../_components/brand';
import { oidcSignInAction } from './actions';
import { SignInForm } from './sign-in-form';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Sign in' };

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  if (await getConsoleUser()) redirect('/');
  const params = await searchParams;
  return (
    <>
      <header className="topbar">
        <Brand />
      </header>
      <main className="page narrow">
        <h1>Sign in</h1>
        {params.signedOut ? <p role="status">You are signed out.</p> : null}
        {params.error ? (
          <p role="alert" className="error">
            {params.error === 'AccessDenied' ? 'Your account may not use single sign-on here.' : 'Sign-in failed.'}
          </p>
        ) : null}
        <SignInForm next={params.next ?? '/'} />
        {env.OIDC_ISSUER ? (
          <form action={oidcSignInAction}>
            <button type="submit" className="secondary">
              Sign in with {env.OIDC_NAME}
            </button>
          </form>
        ) : null}
      </main>
    </>
  );
}
