import { beforeAll, describe, expect, it } from 'vitest';
import { seedDatabase } from '~/db/seed/seed-database';
import { authKit } from '~/test/auth';
import { useTestDatabase } from '~/test/db';
import { useTestRedis } from '~/test/redis';
import { exchangeToken } from '../auth/exchange-token';
import { verifyAccessToken } from '../auth/verify-access-token';
import { createClient } from './create-client';
import { revokeClientTokens } from './revoke-client-tokens';

const t = useTestDatabase();
const r = useTestRedis();
const system = { type: 'system' as const, id: 'test' };

beforeAll(() => seedDatabase(t.db, { adminEmail: 'a@example.org' }));

describe('revoking all tokens of a client', () => {
  it('refuses every live token the client got, and only those', async () => {
    const kit = authKit(t.db, r.redis, r.prefix);
    const a = await createClient(t.db, { name: 'a', scopes: ['user'] }, system);
    const b = await createClient(t.db, { name: 'b', scopes: ['user'] }, system);
    const get = (c: typeof a) =>
      exchangeToken(
        kit.exchange,
        kit.request({ grant_type: 'client_credentials' }, kit.basic(c.client.clientId, c.clientSecret)),
      );
    const [a1, a2, b1] = [await get(a), await get(a), await get(b)];
    const { revoked } = await revokeClientTokens(t.db, { clientId: a.client.clientId, tokenTtlSeconds: 3600 }, system);
    expect(revoked).toBe(2);
    for (const tok of [a1, a2]) await expect(verifyAccessToken(kit.verify, tok.access_token)).rejects.toThrow(/revoked/);
    await expect(verifyAccessToken(kit.verify, b1.access_token)).resolves.toBeTruthy();
    // New tokens work again.
    await expect(verifyAccessToken(kit.verify, (await get(a)).access_token)).resolves.toBeTruthy();
  });
});
