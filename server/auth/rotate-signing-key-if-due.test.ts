import { isNull } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { signingKeys } from '~/db/schema';
import { useTestDatabase } from '~/test/db';
import { rotateSigningKeyIfDue } from './rotate-signing-key-if-due';
import { open } from './secret-box';

const t = useTestDatabase();
const opts = { encryptionKey: 'e'.repeat(40), tokenTtlSeconds: 3600, rotationDays: 30 };

describe('scheduled signing-key rotation', () => {
  it('creates the first key, keeps it while young, rotates it when due and keeps the old one published', async () => {
    const day0 = new Date('2026-01-01T00:00:00Z');
    const first = await rotateSigningKeyIfDue(t.db, { ...opts, now: day0 });
    expect(first.rotated).toBe(true);
    expect(await rotateSigningKeyIfDue(t.db, { ...opts, now: new Date('2026-01-20T00:00:00Z') })).toEqual({
      rotated: false,
      ageDays: 19,
    });
    const due = new Date('2026-02-01T00:00:00Z');
    const second = await rotateSigningKeyIfDue(t.db, { ...opts, now: due });
    expect(second).toMatchObject({ rotated: true, retired: [(first as { kid: string }).kid] });

    const rows = await t.db.select().from(signingKeys);
    const old = rows.find((r) => r.retiredAt)!;
    // Published until its last token (one TTL after retirement, plus a minute of slack) has expired.
    expect(old.publishedUntil!.getTime()).toBe(due.getTime() + 3600_000 + 60_000);
    expect(await t.db.select().from(signingKeys).where(isNull(signingKeys.retiredAt))).toHaveLength(1);
  });

  it('stores private keys encrypted: unreadable without the key, a private JWK with it', async () => {
    const [row] = await t.db.select().from(signingKeys).where(isNull(signingKeys.retiredAt));
    expect(row!.privateJwkEncrypted).toMatch(/^v1\./);
    expect(row!.privateJwkEncrypted).not.toContain('"d"');
    expect(() => open(row!.privateJwkEncrypted, 'x'.repeat(40))).toThrow();
    expect(JSON.parse(open(row!.privateJwkEncrypted, opts.encryptionKey))).toHaveProperty('d');
  });
});
