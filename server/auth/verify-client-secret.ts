/**
 * Checks a presented client secret against the client's live (hashed) secrets. scrypt is slow on purpose, so a
 * successful check is remembered for a few minutes in this process under an HMAC of (secret row, secret): repeated
 * token requests stay fast while the database only ever holds the slow hash. A rotated-out or expired secret
 * is not in the live list, so its memory is useless.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { hashPassword, verifyPassword } from './password';
import type { ClientForAuth } from './load-client';

const REMEMBER_MS = 5 * 60_000;
const MAX_REMEMBERED = 10_000;
const processKey = randomBytes(32);
const remembered = new Map<string, number>();
let dummyHash: Promise<string> | undefined;

const fingerprint = (secretId: string, secret: string) =>
  createHmac('sha256', processKey).update(secretId).update('\0').update(secret).digest('base64url');

export async function verifyClientSecret(client: ClientForAuth | null, secret: string, now = Date.now()): Promise<boolean> {
  if (!client || client.secrets.length === 0) {
    // Same cost for an unknown client as for a wrong secret: no timing oracle for valid client ids.
    dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
    await verifyPassword(secret, await dummyHash);
    return false;
  }
  for (const s of client.secrets) {
    const fp = fingerprint(s.id, secret);
    const until = remembered.get(fp);
    if (until && until > now) return true;
  }
  for (const s of client.secrets) {
    if (await verifyPassword(secret, s.hash)) {
      if (remembered.size >= MAX_REMEMBERED) remembered.clear();
      const until = Math.min(now + REMEMBER_MS, s.expiresAt?.getTime() ?? Infinity);
      remembered.set(fingerprint(s.id, secret), until);
      return true;
    }
  }
  return false;
}
