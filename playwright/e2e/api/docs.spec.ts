/**
 * /docs in Debian's Chromium: Swagger UI renders the reference from /openapi.json with every request going to this
 * server only (each one is recorded; fonts, scripts, styles, the document, "try it" calls), and "try it" works with
 * a bearer token and with the OAuth2 client-credentials flow of the Authorize dialog. The screenshot in
 * docs/img/api-docs.png is taken here.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test, type Page, type Request } from '@playwright/test';
import { clientToken, newClient } from '~/playwright/fixtures/cli';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** Records every request the page makes; `foreign()` lists those to any other origin than the server's. */
function recordRequests(page: Page, baseURL: string) {
  const seen: Request[] = [];
  page.on('request', (r) => seen.push(r));
  const origin = new URL(baseURL).origin;
  return {
    seen,
    foreign: () =>
      seen.map((r) => r.url()).filter((u) => !u.startsWith('data:') && !u.startsWith('blob:') && new URL(u).origin !== origin),
  };
}

async function openDocs(page: Page) {
  await page.goto('/docs');
  await expect(page.locator('.swagger-ui .info .title')).toContainText('CLC+ Backbone API');
  await expect(page.locator('.opblock').first()).toBeVisible();
  expect(await page.locator('.opblock').count()).toBeGreaterThan(70);
}

async function tryMe(page: Page) {
  const op = page.locator('#operations-Legacy_auth-whoAmI');
  await op.locator('.opblock-summary').click();
  await op.getByRole('button', { name: 'Execute' }).click();
  const live = op.locator('.responses-wrapper .live-responses-table .response .response-col_status').first();
  await expect(live).toHaveText(/200/);
  return op;
}

test.describe('interactive documentation (/docs)', () => {
  test('renders the reference offline: no request leaves the server', async ({ page, baseURL }) => {
    await page.setViewportSize({ width: 1360, height: 1000 });
    const requests = recordRequests(page, baseURL!);
    await openDocs(page);
    await expect(page.locator('.opblock-tag-section').first()).toBeVisible();
    await expect(page.getByRole('button', { name: 'Authorize' })).toBeVisible();
    // One operation opened, with its parameters and the request body schema, for the screenshot.
    const op = page.locator('#operations-Orders-getProduct');
    await op.locator('.opblock-summary').click();
    await expect(op.locator('.opblock-section-request-body')).toBeVisible();
    await page.waitForLoadState('networkidle');
    await page.screenshot({ path: path.join(root, 'docs/img/api-docs.png') });
    expect(requests.foreign()).toEqual([]);
    const urls = requests.seen.map((r) => new URL(r.url()).pathname);
    expect(urls).toEqual(
      expect.arrayContaining(['/docs', '/docs/assets/swagger-ui-bundle.js', '/docs/assets/swagger-ui.css', '/openapi.json']),
    );
  });

  test('"try it" with a bearer token', async ({ page, request, baseURL }) => {
    const requests = recordRequests(page, baseURL!);
    const { token, clientId } = await clientToken(request, 'get_product');
    await openDocs(page);
    await page.getByRole('button', { name: 'Authorize' }).first().click();
    const dialog = page.locator('.dialog-ux .modal-ux');
    await dialog.locator('input[aria-label="auth-bearer-value"]').fill(token);
    // The bearer scheme's button (the first "Apply credentials"; the OAuth2 one is "Apply given OAuth2 credentials").
    await dialog.getByRole('button', { name: 'Apply credentials', exact: true }).first().click();
    await dialog.getByRole('button', { name: 'Close' }).first().click();
    const op = await tryMe(page);
    await expect(op.locator('.live-responses-table .response .response-col_description')).toContainText(clientId);
    const call = requests.seen.find((r) => new URL(r.url()).pathname === '/v1/auth/me');
    expect(call?.headers().authorization).toBe(`Bearer ${token}`);
    expect(requests.foreign()).toEqual([]);
  });

  test('"try it" with the OAuth2 client-credentials flow of the Authorize dialog', async ({ page, baseURL }) => {
    const requests = recordRequests(page, baseURL!);
    const c = newClient('user');
    await openDocs(page);
    await page.getByRole('button', { name: 'Authorize' }).first().click();
    const dialog = page.locator('.dialog-ux .modal-ux');
    const oauth = dialog.locator('.auth-container').filter({ hasText: 'clientCredentials' });
    await oauth.locator('#client_id_clientCredentials').fill(c.client_id);
    await oauth.locator('#client_secret_clientCredentials').fill(c.client_secret);
    await oauth.getByRole('button', { name: 'Apply given OAuth2 credentials' }).click();
    await expect(oauth.getByRole('button', { name: 'Remove authorization' })).toBeVisible();
    await dialog.getByRole('button', { name: 'Close' }).first().click();
    const tokenCall = requests.seen.find((r) => new URL(r.url()).pathname === '/oauth/token');
    expect(tokenCall?.method()).toBe('POST');
    const op = await tryMe(page);
    await expect(op.locator('.live-responses-table .response .response-col_description')).toContainText(c.client_id);
    expect(requests.foreign()).toEqual([]);
  });
});
