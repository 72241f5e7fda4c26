/**
 * The bodies of the legacy `/v1/auth` routes (reference §2.2: A1, A6, A11, A12), with the reference's field names.
 * The route handlers parse with these, and the OpenAPI document (server/openapi/operations/auth.ts) shows them.
 */
import { z } from 'zod';

/** A6 `POST /v1/auth/get_bearer_token`: `user_id` is the OAuth client_id. */
export const legacyTokenBody = z.object({ user_id: z.string().min(1).max(128), client_secret: z.string().min(1).max(256) });

/** A11 `POST /v1/auth/login`: a console user's e-mail and password. */
export const legacyLoginBody = z.object({ email: z.string().min(3).max(254), password: z.string().min(1).max(1024) }).strict();

/** A1 `POST /v1/auth/clients/create`: `scope` space-separated (default `user`). */
export const legacyCreateClientBody = z
  .object({ client_name: z.string().trim().min(1).max(128), scope: z.string().max(1024).optional() })
  .strict();

/** A12 `PATCH /v1/auth/scopes/update`: `scope` (space-separated) replaces the client's scopes. */
export const legacyUpdateScopeBody = z
  .object({ client_id: z.string().min(1).max(128), scope: z.string().min(1).max(1024) })
  .strict();
