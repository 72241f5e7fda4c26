import { describe, expect, it } from 'vitest';
import { generatePassword, hashPassword, verifyPassword } from './password';

describe('password hashing', () => {
  it('verifies the right password and refuses a wrong one', async () => {
    const h = await hashPassword('correct horse battery staple');
    expect(h).toMatch(/^scrypt\$32768\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(await verifyPassword('correct horse battery staple', h)).toBe(true);
    expect(await verifyPassword('correct horse battery stapler', h)).toBe(false);
  });

  it('salts: the same password hashes differently', async () => {
    expect(await hashPassword('x')).not.toBe(await hashPassword('x'));
  });

  it('refuses malformed or tampered hashes instead of throwing', async () => {
    const h = await hashPassword('pw');
    expect(await verifyPassword('pw', 'plain-text')).toBe(false);
    const parts = h.split('$');
    const hash = parts[5]!;
    // Change a character in the middle of the hash (the last one partly encodes padding bits).
    parts[5] = hash.slice(0, 10) + (hash[10] === 'A' ? 'B' : 'A') + hash.slice(11);
    expect(await verifyPassword('pw', parts.join('$'))).toBe(false);
  });

  it('generates unambiguous passwords of the requested length', () => {
    const pw = generatePassword(24);
    expect(pw).toHaveLength(24);
    expect(pw).not.toMatch(/[0O1lI]/);
    expect(new Set(Array.from({ length: 50 }, () => generatePassword())).size).toBe(50);
  });
});
