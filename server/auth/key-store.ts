/**
 * The server's signing keys as the web process uses them: the active private key (to sign) and the published
 * public keys (JWKS, to verify our own tokens). Read from the database and kept for a minute; an unknown `kid`
 * triggers a reload (at most every 5 s), so a rotation made by another process is picked up at once.
 * The first signature on an empty installation creates the first key.
 */
import { gt, isNull, or } from 'drizzle-orm';
import { importJWK, type CryptoKey, type JWK } from 'jose';
import type { Database } from '~/db/client';
import { signingKeys } from '~/db/schema';
import { rotateSigningKey } from './rotate-signing-key';
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
const MIN_RELOAD_MS = 5_000;

export function createKeyStore(db: Database, opts: { encryptionKey: string; tokenTtlSeconds: number }): KeyStore {
  let loadedAt = 0;
  let loading: Promise<void> | null = null;
  let active: SigningKey | null = null;
  let published: JWK[] = [];
  const publicKeys = new Map<string, CryptoKey>();

  async function load() {
    const select = () =>
      db
        .select()
        .from(signingKeys)
        .where(or(isNull(signingKeys.retiredAt), gt(signingKeys.publishedUntil, new Date())));
    let rows = await select();
    if (!rows.some((r) => r.retiredAt === null)) {
      await rotateSigningKey(db, opts).catch(() => {}); // a concurrent first rotation may win: reload either way
      rows = await select();
    }
    const current = rows.find((r) => r.retiredAt === null);
    if (!current) throw new Error('no active signing key');
    const privateJwk = JSON.parse(open(current.privateJwkEncrypted, opts.encryptionKey)) as JWK;
    active = { kid: current.kid, alg: current.alg, key: (await importJWK(privateJwk, current.alg)) as CryptoKey };
    published = rows.map((r) => r.publicJwk as JWK);
    publicKeys.clear();
    for (const r of rows) publicKeys.set(r.kid, (await importJWK(r.publicJwk as JWK, r.alg)) as CryptoKey);
    loadedAt = Date.now();
  }

  const ensure = async (force = false) => {
    const age = Date.now() - loadedAt;
    if (!force && age < TTL_MS && active) return;
    if (force && age < MIN_RELOAD_MS && active) return;
    loading ??= load().finally(() => (loading = null));
    await loading;
  };

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
      if (!publicKeys.has(kid)) await ensure(true);
      return publicKeys.get(kid) ?? null;
    },
  };
}
