'use server';
/** Sign-in as a server action: errors come back as a message instead of an error page. */
import { AuthError } from 'next-auth';
import { signIn } from '~/server/auth/nextauth';

export type SignInState = { error?: string; email?: string };

const MESSAGES: Record<string, string> = {
  credentials: 'Wrong e-mail or password.',
};

/** "Too many attempts. Try again in 3 minutes." from `rate_limited:<seconds>` (server/auth/nextauth.ts). */
function rateLimitedMessage(code: string): string | undefined {
  const m = /^rate_limited:(\d+)$/.exec(code);
  if (!m) return undefined;
  const s = Number(m[1]);
  const wait = s < 60 ? `${s} second${s === 1 ? '' : 's'}` : `${Math.ceil(s / 60)} minute${Math.ceil(s / 60) === 1 ? '' : 's'}`;
  return `Too many attempts. Try again in ${wait}.`;
}

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
      return {
        error: rateLimitedMessage(code) ?? MESSAGES[code] ?? 'Sign-in failed.',
        email: String(form.get('email') ?? '').slice(0, 254),
      };
    }
    throw e; // the redirect after a successful sign-in
  }
}

export async function oidcSignInAction() {
  await signIn('oidc', { redirectTo: '/' });
}
