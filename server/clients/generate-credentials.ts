import { randomBytes } from 'node:crypto';

/**
 * A public client id: 24 URL-safe characters that never start with `-` or `_` (an id starting with `-` reads as an
 * option to command-line tools, ours included: `cli clients add-key -O-Ca…` failed). 141 bits of randomness.
 */
export function newClientId(): string {
  for (;;) {
    const id = randomBytes(18).toString('base64url');
    if (/^[A-Za-z0-9]/.test(id)) return id;
  }
}

/** A secret: 256 bits, 43 URL-safe characters. */
export const newClientSecret = () => randomBytes(32).toString('base64url');
export const secretHint = (secret: string) => secret.slice(0, 6);
