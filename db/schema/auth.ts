/**
 * OAuth2 authorization server state: scopes, API clients with hashed secrets and registered public keys,
 * the server's own signing keys, revoked access tokens and used JWT-bearer assertion ids.
 * Secrets are never stored in clear; private signing keys are stored encrypted.
 */
import { sql } from 'drizzle-orm';
import { check, index, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid, varchar } from 'drizzle-orm/pg-core';
import { createdAt, timestamps, tstz } from './_columns';
import { customers } from './customers';
import { clientAuthMethod } from './enums';

/** What a client may do: `get_product`, per-service scopes, `admin`. */
export const scopes = pgTable(
  'scopes',
  {
    name: varchar('name', { length: 64 }).primaryKey(),
    description: text('description').notNull(),
    createdAt: createdAt(),
  },
  (t) => [check('scopes_name_check', sql`${t.name} ~ '^[a-z][a-z0-9_:.-]*$'`)],
);

export const apiClients = pgTable(
  'api_clients',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The public OAuth2 client_id (random, URL-safe). */
    clientId: varchar('client_id', { length: 64 }).notNull().unique(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    name: varchar('name', { length: 128 }).notNull(),
    authMethod: clientAuthMethod('auth_method').notNull().default('client_secret_basic'),
    /** Disabled clients get no new token and their existing tokens are refused. */
    disabledAt: tstz('disabled_at'),
    lastTokenAt: tstz('last_token_at'),
    ...timestamps(),
  },
  (t) => [index('api_clients_customer_idx').on(t.customerId)],
);

export const apiClientScopes = pgTable(
  'api_client_scopes',
  {
    apiClientId: uuid('api_client_id')
      .notNull()
      .references(() => apiClients.id, { onDelete: 'cascade' }),
    scope: varchar('scope', { length: 64 })
      .notNull()
      .references(() => scopes.name, { onDelete: 'cascade', onUpdate: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.apiClientId, t.scope] })],
);

/** Client secrets, hashed. Several rows during a rotation's overlap window; the old one expires. */
export const clientSecrets = pgTable(
  'client_secrets',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    apiClientId: uuid('api_client_id')
      .notNull()
      .references(() => apiClients.id, { onDelete: 'cascade' }),
    secretHash: text('secret_hash').notNull(),
    /** First characters of the secret, to tell secrets apart in the console without revealing them. */
    hint: varchar('hint', { length: 8 }).notNull(),
    createdAt: createdAt(),
    expiresAt: tstz('expires_at'),
  },
  (t) => [index('client_secrets_client_idx').on(t.apiClientId)],
);

/** Public keys a client registered (JWK) for private_key_jwt and the JWT-bearer grant. */
export const clientKeys = pgTable(
  'client_keys',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    apiClientId: uuid('api_client_id')
      .notNull()
      .references(() => apiClients.id, { onDelete: 'cascade' }),
    kid: varchar('kid', { length: 128 }).notNull(),
    jwk: jsonb('jwk').$type<Record<string, unknown>>().notNull(),
    createdAt: createdAt(),
    revokedAt: tstz('revoked_at'),
  },
  (t) => [
    uniqueIndex('client_keys_client_kid_key').on(t.apiClientId, t.kid),
    check('client_keys_public_only_check', sql`NOT (${t.jwk} ? 'd')`),
  ],
);

/**
 * The authorization server's signing keys. The private JWK is encrypted with KEY_ENCRYPTION_KEY.
 * A retired key stays published (JWKS) until `publishedUntil`, the expiry of the last token it signed.
 */
export const signingKeys = pgTable(
  'signing_keys',
  {
    kid: varchar('kid', { length: 64 }).primaryKey(),
    alg: varchar('alg', { length: 16 }).notNull(),
    publicJwk: jsonb('public_jwk').$type<Record<string, unknown>>().notNull(),
    privateJwkEncrypted: text('private_jwk_encrypted').notNull(),
    createdAt: createdAt(),
    retiredAt: tstz('retired_at'),
    publishedUntil: tstz('published_until'),
  },
  (t) => [
    check('signing_keys_alg_check', sql`${t.alg} IN ('ES256', 'EdDSA')`),
    // At most one active (not retired) key signs new tokens.
    uniqueIndex('signing_keys_one_active_key')
      .on(sql`(true)`)
      .where(sql`${t.retiredAt} IS NULL`),
  ],
);

/** Revoked access tokens by `jti`, refused by the guard until they expire anyway. */
export const revokedTokens = pgTable(
  'revoked_tokens',
  {
    jti: varchar('jti', { length: 64 }).primaryKey(),
    apiClientId: uuid('api_client_id').references(() => apiClients.id, { onDelete: 'cascade' }),
    expiresAt: tstz('expires_at').notNull(),
    revokedAt: createdAt(),
  },
  (t) => [index('revoked_tokens_expires_idx').on(t.expiresAt)],
);

/** `jti`s of JWT-bearer assertions and client assertions already used (replay protection) until they expire. */
export const usedAssertions = pgTable(
  'used_assertions',
  {
    issuer: varchar('issuer', { length: 128 }).notNull(),
    jti: varchar('jti', { length: 256 }).notNull(),
    expiresAt: tstz('expires_at').notNull(),
    usedAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.issuer, t.jti] }), index('used_assertions_expires_idx').on(t.expiresAt)],
);

export type ApiClient = typeof apiClients.$inferSelect;
export type SigningKey = typeof signingKeys.$inferSelect;
