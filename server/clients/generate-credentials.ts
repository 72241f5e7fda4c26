import { randomBytes } from 'node:crypto';

/** A public client id (24 URL-safe characters) and a secret (256 bits, 43 URL-safe characters). */
export const newClientId = () => randomBytes(18).toString('base64url');
export const newClientSecret = () => randomBytes(32).toString('base64url');
export const secretHint = (secret: string) => secret.slice(0, 6);
