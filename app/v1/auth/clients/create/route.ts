/**
 * POST /v1/auth/clients/create (admin) — legacy: `{client_name[, scope]}` → `{client_id, client_secret}`.
 * Unlike the reference, it also creates the customer record, gives the client a scope (default `user`), and the
 * secret is shown only in this response.
 */
import { z } from 'zod';
import { parseScope } from '~/server/auth/scopes';
import { createClient } from '~/server/clients/create-client';
import { actorOf } from '~/server/http/actor';
import { jsonBody } from '~/server/http/request';
import { withApiClient } from '~/server/http/with-api-client';

export const dynamic = 'force-dynamic';

const body = z.object({ client_name: z.string().trim().min(1).max(128), scope: z.string().max(1024).optional() }).strict();

export const POST = withApiClient({ scopes: ['admin'] }, async ({ req, deps, caller, ip, requestId }) => {
  const input = await jsonBody(req, body);
  const { client, clientSecret } = await createClient(
    deps.db,
    { name: input.client_name, scopes: input.scope ? parseScope(input.scope) : ['user'] },
    actorOf(caller, { ip, requestId }),
  );
  return Response.json(
    { client_id: client.clientId, client_secret: clientSecret },
    { status: 201, headers: { 'cache-control': 'no-store' } },
  );
});
