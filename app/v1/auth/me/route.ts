/** GET /v1/auth/me — who the bearer token says the caller is (any valid token). Handy to check a token. */
import { withApiClient } from '~/server/http/with-api-client';

export const dynamic = 'force-dynamic';

export const GET = withApiClient({ scopes: [] }, async ({ caller }) =>
  Response.json({
    client_id: caller.clientId,
    customer_id: caller.customerId,
    subject: caller.subject,
    scope: caller.scopes.join(' '),
    issuer: caller.issuer,
    expires_at: caller.expiresAt.toISOString(),
  }),
);
