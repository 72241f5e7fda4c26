/**
 * The OAuth 2.0 authorization server (`/oauth/*`) and the legacy `/v1/auth` routes over it (reference §2.2).
 * The OAuth endpoints read form fields one by one with RFC 6749 errors (server/auth/exchange-token.ts,
 * authenticate-client.ts): their form schemas here describe those fields.
 */
import { z } from 'zod';
import { GRANT_TYPES } from '../../auth/exchange-token';
import {
  legacyCreateClientBody,
  legacyLoginBody,
  legacyTokenBody,
  legacyUpdateScopeBody,
} from '../../clients/legacy-auth-bodies';
import { bearer, defineOperations, OAUTH_CLIENT, PUBLIC } from '../define-operation';
import { instant } from '../shared';

const FORM = 'application/x-www-form-urlencoded';
const JWK_SET = 'application/jwk-set+json';

const clientAuthFields = {
  client_id: z
    .string()
    .optional()
    .meta({ description: 'With client_secret (client_secret_post), or naming the client of an assertion' }),
  client_secret: z.string().optional().meta({ description: 'client_secret_post; prefer HTTP Basic' }),
  client_assertion_type: z.literal('urn:ietf:params:oauth:client-assertion-type:jwt-bearer').optional(),
  client_assertion: z.string().optional().meta({ description: 'private_key_jwt: a JWT signed with a registered key (RFC 7523)' }),
};

const tokenForm = z
  .object({
    grant_type: z.enum(GRANT_TYPES),
    scope: z.string().optional().meta({ description: 'Space-separated; default: every scope the client has' }),
    assertion: z.string().optional().meta({ description: 'jwt-bearer grant: the JWT (RFC 7523 §2.1)' }),
    ...clientAuthFields,
  })
  .meta({ description: 'RFC 6749 §4.4 / RFC 7523 token request' });

const tokenForm2 = z.object({
  token: z.string().meta({ description: 'The access token' }),
  token_type_hint: z.enum(['access_token', 'refresh_token']).optional(),
  ...clientAuthFields,
});

export const tokenResponse = z
  .object({
    access_token: z.string().meta({ description: 'A JWT (RFC 9068)' }),
    token_type: z.literal('Bearer'),
    expires_in: z.number().int().meta({ description: 'Seconds' }),
    scope: z.string(),
  })
  .meta({ id: 'TokenResponse' });

const introspection = z.union([
  z.object({
    active: z.literal(true),
    scope: z.string(),
    client_id: z.string(),
    sub: z.string(),
    token_type: z.literal('Bearer'),
    exp: z.number().int(),
    iss: z.string(),
    aud: z.string(),
    jti: z.string(),
  }),
  z.object({ active: z.literal(false) }),
]);

const noStoreOauth = { 'cache-control': 'no-store' };

const legacyClient = z.object({
  client_id: z.string(),
  client_name: z.string(),
  grant_type: z.string(),
  response_type: z.string(),
  scope: z.string(),
});
const legacyScope = z.object({ client_id: z.string(), scope: z.string() });
const clientPath = z.object({ client_id: z.string().meta({ description: 'The OAuth client_id' }) });

const basicExample = {
  basic: {
    summary: 'Client credentials (send the client id and secret with HTTP Basic)',
    value: { grant_type: 'client_credentials' },
  },
};

export const authOperations = defineOperations([
  // 1. OAuth 2.0
  {
    method: 'post',
    path: '/oauth/token',
    operationId: 'oauthToken',
    summary: 'Token endpoint: client credentials or JWT bearer grant',
    description:
      'RFC 6749 token endpoint. Authenticate with HTTP Basic (client id and secret), the form fields, or a private-key JWT (`client_assertion`). Rate-limited per client and per address.',
    tags: ['OAuth 2.0'],
    access: OAUTH_CLIENT,
    body: { schema: tokenForm, contentType: FORM, examples: basicExample },
    responses: { 200: { description: 'An access token', schema: tokenResponse, headers: noStoreOauth } },
    errors: [400, 401, 429],
  },
  {
    method: 'post',
    path: '/oauth/introspect',
    operationId: 'oauthIntrospect',
    summary: 'Token introspection (RFC 7662)',
    description: 'A client may introspect its own tokens (admins: any); anything else is `{active: false}`.',
    tags: ['OAuth 2.0'],
    access: OAUTH_CLIENT,
    body: { schema: tokenForm2, contentType: FORM },
    responses: { 200: { description: 'Whether the token is active, and its claims', schema: introspection } },
    errors: [400, 401, 429],
  },
  {
    method: 'post',
    path: '/oauth/revoke',
    operationId: 'oauthRevoke',
    summary: 'Token revocation (RFC 7009)',
    tags: ['OAuth 2.0'],
    access: OAUTH_CLIENT,
    body: { schema: tokenForm2, contentType: FORM },
    responses: { 200: { description: 'Revoked (also for an unknown token)' } },
    errors: [400, 401, 429],
  },
  {
    method: 'get',
    path: '/oauth/jwks',
    operationId: 'oauthJwks',
    summary: 'The public keys that verify our access tokens',
    tags: ['OAuth 2.0'],
    access: PUBLIC,
    responses: {
      200: {
        description: 'A JWK set (active and recently retired keys)',
        contentType: JWK_SET,
        schema: z.object({ keys: z.array(z.looseObject({ kty: z.string(), kid: z.string() })) }),
      },
    },
  },
  {
    method: 'get',
    path: '/oauth/metadata',
    operationId: 'oauthMetadata',
    summary: 'Authorization server metadata (RFC 8414)',
    description: 'Also at /.well-known/oauth-authorization-server.',
    tags: ['OAuth 2.0'],
    access: PUBLIC,
    responses: {
      200: {
        description: 'The metadata',
        schema: z.object({
          issuer: z.string(),
          token_endpoint: z.string(),
          jwks_uri: z.string(),
          introspection_endpoint: z.string(),
          revocation_endpoint: z.string(),
          grant_types_supported: z.array(z.string()),
          response_types_supported: z.array(z.string()),
          scopes_supported: z.array(z.string()),
          token_endpoint_auth_methods_supported: z.array(z.string()),
          token_endpoint_auth_signing_alg_values_supported: z.array(z.string()),
          introspection_endpoint_auth_methods_supported: z.array(z.string()),
          introspection_endpoint_auth_signing_alg_values_supported: z.array(z.string()),
          revocation_endpoint_auth_methods_supported: z.array(z.string()),
          revocation_endpoint_auth_signing_alg_values_supported: z.array(z.string()),
        }),
      },
    },
  },
  // 2. Legacy /v1/auth
  {
    method: 'post',
    path: '/v1/auth/get_bearer_token',
    operationId: 'legacyGetBearerToken',
    summary: 'Legacy token endpoint: {user_id, client_secret} → a bearer token',
    description:
      'A thin wrapper over the client-credentials grant (same checks, limits and audit); `user_id` is the client id. Prefer POST /oauth/token.',
    tags: ['Legacy auth'],
    access: PUBLIC,
    body: { schema: legacyTokenBody, examples: { a6: { value: { user_id: 'my-client-id', client_secret: 'my-secret' } } } },
    responses: { 200: { description: 'An access token', schema: tokenResponse } },
    errors: [401, 429],
    legacy: ['A6'],
  },
  {
    method: 'post',
    path: '/v1/auth/login',
    operationId: 'legacyLogin',
    summary: "A console user's e-mail and password → a bearer token of the user's role",
    tags: ['Legacy auth'],
    access: PUBLIC,
    body: { schema: legacyLoginBody },
    responses: {
      200: {
        description: 'An access token',
        schema: tokenResponse.extend({ client_id: z.string() }).meta({ id: 'LoginResponse' }),
      },
    },
    errors: [401, 429],
    legacy: ['A11'],
  },
  {
    method: 'get',
    path: '/v1/auth/me',
    operationId: 'whoAmI',
    summary: 'Who the bearer token says the caller is',
    tags: ['Legacy auth'],
    access: bearer([]),
    responses: {
      200: {
        description: 'The token’s caller',
        schema: z.object({
          client_id: z.string(),
          customer_id: z.string().nullable(),
          subject: z.string(),
          scope: z.string(),
          issuer: z.string(),
          expires_at: instant,
        }),
      },
    },
  },
  {
    method: 'get',
    path: '/v1/auth/clients',
    operationId: 'legacyListClients',
    summary: 'The enabled clients',
    tags: ['Legacy auth'],
    access: bearer(['admin']),
    responses: {
      200: { description: 'The clients (null: none)', schema: z.object({ oauth_clients: z.array(legacyClient).nullable() }) },
    },
    legacy: ['A7'],
  },
  {
    method: 'post',
    path: '/v1/auth/clients/create',
    operationId: 'legacyCreateClient',
    summary: 'A new client (and its customer); the secret is shown only here',
    tags: ['Legacy auth'],
    access: bearer(['admin']),
    body: {
      schema: legacyCreateClientBody,
      examples: { a1: { value: { client_name: 'My portal', scope: 'user get_product' } } },
    },
    responses: { 201: { description: 'The client', schema: z.object({ client_id: z.string(), client_secret: z.string() }) } },
    errors: [409],
    legacy: ['A1'],
  },
  {
    method: 'get',
    path: '/v1/auth/clients/{client_id}',
    operationId: 'legacyGetClient',
    summary: 'One client',
    tags: ['Legacy auth'],
    access: bearer(['admin']),
    params: { path: clientPath },
    responses: { 200: { description: 'The client', schema: legacyClient } },
    errors: [404],
    legacy: ['A8'],
  },
  {
    method: 'delete',
    path: '/v1/auth/clients/delete/{client_id}',
    operationId: 'legacyDeleteClient',
    summary: 'Disable a client (its tokens stop working at once)',
    tags: ['Legacy auth'],
    access: bearer(['admin']),
    params: { path: clientPath },
    responses: { 204: { description: 'Disabled' } },
    errors: [404],
    legacy: ['A3'],
  },
  {
    method: 'get',
    path: '/v1/auth/scopes',
    operationId: 'legacyListScopes',
    summary: "The enabled clients' scopes",
    tags: ['Legacy auth'],
    access: bearer(['admin']),
    responses: {
      200: { description: 'Scopes by client (null: none)', schema: z.object({ scopes: z.array(legacyScope).nullable() }) },
    },
    legacy: ['A9'],
  },
  {
    method: 'get',
    path: '/v1/auth/scopes/{client_id}',
    operationId: 'legacyGetScopes',
    summary: "A client's scopes",
    tags: ['Legacy auth'],
    access: bearer(['admin']),
    params: { path: clientPath },
    responses: { 200: { description: 'The scopes', schema: legacyScope } },
    errors: [404],
    legacy: ['A10'],
  },
  {
    method: 'patch',
    path: '/v1/auth/scopes/update',
    operationId: 'legacyUpdateScopes',
    summary: "Replace a client's scopes",
    tags: ['Legacy auth'],
    access: bearer(['admin']),
    body: {
      schema: legacyUpdateScopeBody,
      examples: { a12: { value: { client_id: 'my-client-id', scope: 'user get_product' } } },
    },
    responses: { 204: { description: 'Replaced' } },
    errors: [404],
    legacy: ['A12'],
  },
  {
    method: 'delete',
    path: '/v1/auth/tokens/delete/{client_id}',
    operationId: 'legacyRevokeClientTokens',
    summary: 'Revoke every live token of a client',
    tags: ['Legacy auth'],
    access: bearer(['admin']),
    params: { path: clientPath },
    responses: { 204: { description: 'Revoked' } },
    errors: [404],
    legacy: ['A5'],
  },
]);
