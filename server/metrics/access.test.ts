/**
 * Who may scrape /metrics: an allowed network without a token, but never through a proxy (behind a proxy on the same
 * host every visitor would look like loopback); anyone else with a token carrying the metrics scope.
 */
import { describe, expect, it } from 'vitest';
import { authorizeScrape, compileAllowFrom } from './access';

const loopback = compileAllowFrom('loopback');
const scopes = (s: string[]) => async () => ({ scopes: s });

describe('authorizeScrape', () => {
  it('lets loopback in without a token', async () => {
    await expect(
      authorizeScrape({ peer: '127.0.0.1', proxied: false, authorization: null }, loopback, scopes([])),
    ).resolves.toBeUndefined();
  });

  it('refuses loopback without a token when the request came through a proxy (401)', async () => {
    await expect(
      authorizeScrape({ peer: '127.0.0.1', proxied: true, authorization: null }, loopback, scopes([])),
    ).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });

  it('refuses another network without a token, and everyone when the list is none', async () => {
    await expect(
      authorizeScrape({ peer: '203.0.113.9', proxied: false, authorization: null }, loopback, scopes([])),
    ).rejects.toMatchObject({
      code: 'UNAUTHORIZED',
    });
    await expect(
      authorizeScrape({ peer: '127.0.0.1', proxied: false, authorization: null }, compileAllowFrom('none'), scopes([])),
    ).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });

  it('takes a token with the metrics scope from anywhere, and refuses one without it (403)', async () => {
    const proxied = { peer: '127.0.0.1', proxied: true, authorization: 'Bearer x' };
    await expect(authorizeScrape(proxied, loopback, scopes(['metrics']))).resolves.toBeUndefined();
    await expect(authorizeScrape(proxied, loopback, scopes(['get_product']))).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
