/**
 * Makes a new ES256 signing key and retires the active one. The retired key stays published (JWKS) until the last
 * token it can have signed has expired (`publishedUntil` = now + token lifetime). One transaction; the unique index
 * on the active key makes concurrent rotations safe (the loser retries against the winner's key).
 */
import { calculateJwkThumbprint, exportJWK, generateKeyPair } from 'jose';
import { isNull } from 'drizzle-orm';
import type { DbOrTx } from '~/db/client';
import { signingKeys } from '~/db/schema';
import { seal } from './secret-box';

export const SIGNING_ALG = 'ES256';

type KeyOptions = { encryptionKey: string; tokenTtlSeconds: number; now?: Date };

/** A new key pair as a `signing_keys` row (the private JWK sealed). */
export async function newSigningKeyRow(opts: KeyOptions) {
  const { publicKey, privateKey } = await generateKeyPair(SIGNING_ALG, { extractable: true });
  const publicJwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(publicJwk);
  const privateJwk = await exportJWK(privateKey);
  return {
    kid,
    alg: SIGNING_ALG,
    publicJwk: { ...publicJwk, kid, alg: SIGNING_ALG, use: 'sig' },
    privateJwkEncrypted: seal(JSON.stringify(privateJwk), opts.encryptionKey),
    createdAt: opts.now ?? new Date(),
  };
}

export async function rotateSigningKey(db: DbOrTx, opts: KeyOptions): Promise<{ kid: string; retired: string[] }> {
  const now = opts.now ?? new Date();
  const row = await newSigningKeyRow({ ...opts, now });
  return db.transaction(async (tx) => {
    const retired = await tx
      .update(signingKeys)
      .set({ retiredAt: now, publishedUntil: new Date(now.getTime() + opts.tokenTtlSeconds * 1000 + 60_000) })
      .where(isNull(signingKeys.retiredAt))
      .returning({ kid: signingKeys.kid });
    await tx.insert(signingKeys).values(row);
    return { kid: row.kid, retired: retired.map((r) => r.kid) };
  });
}
