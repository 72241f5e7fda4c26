/**
 * Console sign-in (next-auth v5): e-mail and password checked by authenticateUser (rate limits, audit), optional
 * single sign-on through an OIDC provider for people who already have a console account. Sessions are signed JWT
 * cookies holding only the user id; role and disabled flag are read from the database on every request
 * (getConsoleUser), so a changed role or a disabled account takes effect at once.
 */
import NextAuth, { CredentialsSignin, type NextAuthConfig } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { sql } from 'drizzle-orm';
import { users } from '~/db/schema';
import { getAppDeps } from '../deps';
import { env } from '../env.js';
import { isAppError } from '../errors';
import { createLogger } from '../logging/logger';
import { clientIpOf } from '../http/request';
import { signInDepsOf } from './token-deps';
import { authenticateUser } from '../users/authenticate-user';

class WrongCredentials extends CredentialsSignin {
  override code = 'credentials';
}
/** `rate_limited:<seconds>`: the sign-in page says how long to wait (the limiter's exact Retry-After). */
class RateLimited extends CredentialsSignin {
  constructor(retryAfterSeconds: number) {
    super();
    this.code = `rate_limited:${retryAfterSeconds}`;
  }
}

const providers: NextAuthConfig['providers'] = [
  Credentials({
    credentials: { email: { label: 'E-mail', type: 'email' }, password: { label: 'Password', type: 'password' } },
    authorize: async (credentials, request) => {
      const email = typeof credentials?.email === 'string' ? credentials.email : '';
      const password = typeof credentials?.password === 'string' ? credentials.password : '';
      if (!email || !password) throw new WrongCredentials();
      try {
        const deps = await getAppDeps();
        const user = await authenticateUser(signInDepsOf(deps), { email, password, ip: clientIpOf(request), via: 'console' });
        return { id: user.id, email: user.email, name: user.name ?? user.email };
      } catch (e) {
        if (isAppError(e) && e.code === 'RATE_LIMITED') throw new RateLimited(Number(e.headers?.['retry-after'] ?? 60));
        if (isAppError(e) && (e.code === 'UNAUTHORIZED' || e.code === 'VALIDATION')) throw new WrongCredentials();
        throw e;
      }
    },
  }),
];

if (env.OIDC_ISSUER && env.OIDC_CLIENT_ID && env.OIDC_CLIENT_SECRET) {
  providers.push({
    id: 'oidc',
    name: env.OIDC_NAME,
    type: 'oidc',
    issuer: env.OIDC_ISSUER,
    clientId: env.OIDC_CLIENT_ID,
    clientSecret: env.OIDC_CLIENT_SECRET,
  });
}

async function userIdByEmail(email: string | null | undefined): Promise<string | null> {
  if (!email) return null;
  const { db } = await getAppDeps();
  const [u] = await db
    .select({ id: users.id, disabledAt: users.disabledAt })
    .from(users)
    .where(sql`lower(${users.email}) = ${email.toLowerCase()}`);
  return u && !u.disabledAt ? u.id : null;
}

const log = createLogger('auth');

export const { handlers, auth, signIn, signOut } = NextAuth({
  secret: env.AUTH_SECRET,
  // One structured line per event instead of next-auth's stack traces. A refused sign-in is expected (and already
  // audited by authenticateUser), so it is not an error.
  logger: {
    error: (error) => {
      const type = (error as { type?: string }).type ?? error.name;
      if (error instanceof CredentialsSignin) log.info('console sign-in refused', { type, code: error.code });
      else log.error(`next-auth: ${type}`, { error, cause: error.cause });
    },
    warn: (code) => log.warn(`next-auth warning: ${code}`),
    debug: () => {},
  },
  trustHost: true,
  session: { strategy: 'jwt', maxAge: env.SESSION_MAX_AGE_SECONDS },
  pages: { signIn: '/signin', error: '/signin' },
  providers,
  callbacks: {
    // SSO admits only people who already have a console account (no self sign-up).
    signIn: async ({ user, account }) =>
      account?.provider === 'credentials' ? true : (await userIdByEmail(user.email)) !== null,
    jwt: async ({ token, user, account }) => {
      if (user && account) token.uid = account.provider === 'credentials' ? user.id : await userIdByEmail(user.email);
      return token;
    },
    session: ({ session, token }) => {
      if (typeof token.uid === 'string') (session as { uid?: string }).uid = token.uid;
      return session;
    },
  },
});
