/**
 * GET|HEAD /downloads/{token} — a package, for the order's owner (Authorization: Bearer <token of the client that
 * ordered it>) or an admin (API scope `admin`, or a console admin signed in). Resumable (Range).
 */
import { env } from '~/server/env.js';
import { bearerToken, withPublicRoute } from '~/server/http/with-api-client';
import { verifyAccessToken } from '~/server/auth/verify-access-token';
import { verifyDepsOf } from '~/server/auth/token-deps';
import { getConsoleUser, hasRole } from '~/server/auth/console-user';
import { AppError } from '~/server/errors';
import { serveDownload } from '~/server/downloads/serve-download';
import { resultStorageFromEnv } from '~/server/results/storage-from-env';
import { viewerOf } from '~/server/http/order-routes';
import type { AppDeps } from '~/server/deps';
import { countDownload } from '~/server/metrics/downloads';

export const dynamic = 'force-dynamic';

async function viewerFor(req: Request, deps: AppDeps) {
  if (req.headers.get('authorization')) return viewerOf(await verifyAccessToken(verifyDepsOf(deps), bearerToken(req)));
  const user = await getConsoleUser();
  if (hasRole(user, 'admin')) return { apiClientId: '', admin: true };
  throw new AppError(
    'UNAUTHORIZED',
    'downloads need the access token of the client that ordered the package (Authorization: Bearer …)',
  );
}

const handler = withPublicRoute(async ({ req, deps, params }) =>
  serveDownload(
    { db: deps.db, results: resultStorageFromEnv(), signingKey: env.DOWNLOAD_SIGNING_KEY },
    await viewerFor(req, deps),
    req,
    params.token!,
  ),
);

/** Counted here, outside the wrapper, so refusals (its problem responses) count too. */
const counted = async (req: Request, ctx: { params: Promise<Record<string, string>> }) => {
  const res = await handler(req, ctx);
  countDownload(req.method, res.status);
  return res;
};

export const GET = counted;
export const HEAD = counted;
