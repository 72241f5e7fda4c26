'use server';
/** Sign-in as a server action: errors come back as a message instead of an error page. */
import { AuthError } from 'next-auth';
import { signIn } from '~/server/auth/nextauth';

export type SignInState = { error?: string; email?: string };

const MESSAGES: Record<string, string> = {
  credentials: 'Wrong e-mail or password.',
  rate_limited: 'Too many attempts. Wait 15 minutes before trying again.',
};

export async function signInAction(_prev: SignInState, form: FormData): Promise<SignInState> {
  const next = String(form.get('next') ?? '/');
  try {
    await signIn('credentials', {
      email: String(form.get('email') ?? ''),
      password: String(form.get('password') ?? ''),
      redirectTo: next.startsWith('/') && !next.startsWith('//') ? next : '/',
    });
    return {};
  } catch (e) {
    if (e instanceof AuthError) {
      const code = (e as AuthError & { code?: string }).code ?? 'credentials';
      // The e-mail comes back so the form keeps it; the password field is cleared.
      return { error: MESSAGES[code] ?? 'Sign-in failed.', email: String(form.get('email') ?? '').slice(0, 254) };
    }
    throw e; // the redirect after a successful sign-in
  }
}

export async function oidcSignInAction() {
  await signIn('oidc', { redirectTo: '/' });
}
