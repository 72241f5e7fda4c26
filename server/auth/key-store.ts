/**
 * The server's signing keys as the web process uses them: the active private key (to sign) and the published
 * public keys (JWKS, to verify our own tokens). Read from the database and kept for a minute. An unknown `kid` is
 * looked up by itself at once (one indexed read, like the client lookup every request makes), so a token signed by
 * another process just after a rotation verifies here too; a found key that is the active one also reloads the set,
 * so this process signs with it from then on. The first signature on an empty installation creates the first key.
 */
import { and, eq, gt, isNull, or } from 'drizzle-orm';
import { importJWK, type CryptoKey, type JWK } from 'jose';
import type { Database } from '~/db/client';
import { signingKeys } from '~/db/schema';
import { createFirstSigningKey } from './create-first-signing-key';
import { open } from './secret-box';

export type SigningKey = { kid: string; alg: string; key: CryptoKey };
export type KeyStore = {
  active: () => Promise<SigningKey>;
  /** Public JWKs to publish: the active key and retired keys still within their publication window. */
  published: () => Promise<JWK[]>;
  /** A published public key by kid (for verification), or null. */
  publicKey: (kid: string) => Promise<CryptoKey | null>;
};

const TTL_MS = 60_000;

export function createKeyStore(db: Database, opts: { encryptionKey: string; tokenTtlSeconds: number }): KeyStore {
  let loadedAt = 0;
  let loading: Promise<void> | null = null;
  let active: SigningKey | null = null;
  let published: JWK[] = [];
  let publicKeys = new Map<string, CryptoKey>();

  const isPublished = () => or(isNull(signingKeys.retiredAt), gt(signingKeys.publishedUntil, new Date()));

  async function load() {
    const select = () => db.select().from(signingKeys).where(isPublished());
    let rows = await select();
    if (!rows.some((r) => r.retiredAt === null)) {
      await createFirstSigningKey(db, opts);
      rows = await select();
    }
    const current = rows.find((r) => r.retiredAt === null);
    if (!current) throw new Error('no active signing key');
    const privateJwk = JSON.parse(open(current.privateJwkEncrypted, opts.encryptionKey)) as JWK;
    active = { kid: current.kid, alg: current.alg, key: (await importJWK(privateJwk, current.alg)) as CryptoKey };
    published = rows.map((r) => r.publicJwk as JWK);
    const keys = new Map<string, CryptoKey>();
    for (const r of rows) keys.set(r.kid, (await importJWK(r.publicJwk as JWK, r.alg)) as CryptoKey);
    publicKeys = keys;
    loadedAt = Date.now();
  }

  const ensure = async (force = false) => {
    if (!force && Date.now() - loadedAt < TTL_MS && active) return;
    loading ??= load().finally(() => (loading = null));
    await loading;
  };

  async function lookUp(kid: string): Promise<CryptoKey | null> {
    const [row] = await db
      .select()
      .from(signingKeys)
      .where(and(eq(signingKeys.kid, kid), isPublished()));
    if (!row) return null;
    if (row.retiredAt === null) await ensure(true); // rotated by another process: sign with the new key too
    const key = publicKeys.get(kid) ?? ((await importJWK(row.publicJwk as JWK, row.alg)) as CryptoKey);
    publicKeys.set(kid, key);
    return key;
  }

  return {
    active: async () => {
      await ensure();
      return active!;
    },
    published: async () => {
      await ensure();
      return published;
    },
    publicKey: async (kid) => {
      await ensure();
      return publicKeys.get(kid) ?? lookUp(kid);
    },
  };
}
