/**
 * Downloads from the console: a signed-in admin may download any order's package with the link alone (session
 * cookie); a signed-in viewer may not (the link still needs the owner's token or an admin).
 */
import { expect, test } from '@playwright/test';
import { newClient, newUser, signIn } from '~/playwright/fixtures/cli';
import { manualToken, pollStatus } from '~/playwright/fixtures/orders';

test('an admin downloads a client’s package in the browser session; a viewer cannot', async ({ browser, baseURL, request }) => {
  test.setTimeout(90_000);
  const client = newClient('get_product');
  const token = manualToken(baseURL!, client);
  const accepted = await request.post('/v1/products/get_product', {
    headers: { authorization: `Bearer ${token}` },
    data: { product: 'Raster', aoi: [16.36, 48.2, 16.37, 48.205] },
  });
  expect(accepted.status()).toBe(202);
  const status = await pollStatus(baseURL!, (await accepted.json()).links.href, token);
  expect(status.status).toBe('SUCCESS');

  const adminPage = await (await browser.newContext()).newPage();
  await signIn(adminPage, newUser('admin'));
  const asAdmin = await adminPage.request.get(status.result!);
  expect(asAdmin.status()).toBe(200);
  expect(asAdmin.headers()['content-length']).toBe(String(status.package!.bytes));

  const viewerPage = await (await browser.newContext()).newPage();
  await signIn(viewerPage, newUser('viewer'));
  const asViewer = await viewerPage.request.get(status.result!);
  expect(asViewer.status()).toBe(401);
  expect((await asViewer.json()).detail).toMatch(/access token of the client that ordered the package/);
});
