/**
 * The first signing key of an empty installation, made by whichever process signs first. Several web processes may
 * try at once; unlike a rotation, this never retires a key: the partial unique index on the active key makes the
 * later inserts wait for the first and then do nothing, so every process ends up with the same key.
 */
import type { DbOrTx } from '~/db/client';
import { signingKeys } from '~/db/schema';
import { newSigningKeyRow } from './rotate-signing-key';

/** The new key's kid, or null when there already was an active key. */
export async function createFirstSigningKey(
  db: DbOrTx,
  opts: { encryptionKey: string; tokenTtlSeconds: number },
): Promise<string | null> {
  const row = await newSigningKeyRow(opts);
  const made = await db.insert(signingKeys).values(row).onConflictDoNothing().returning({ kid: signingKeys.kid });
  return made[0]?.kid ?? null;
}
