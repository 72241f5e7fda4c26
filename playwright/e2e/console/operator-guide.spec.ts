/**
 * The console workflows of docs/operator-guide.md, done in Chromium against the production build, with the guide's
 * screenshots taken on the way (docs/img/console-*.png, rewritten on every run). Each step checks what the guide
 * says the page shows before the picture is taken, so a screenshot never shows an error page or a half-loaded one.
 */
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { cli } from '~/playwright/fixtures/cli';
import { root } from '~/playwright/fixtures/orders';

const shot = (page: Page, name: string) =>
  page.screenshot({ path: path.join(root, 'docs', 'img', `console-${name}.png`), animations: 'disabled', fullPage: true });

test('operator guide: sign in, change the generated password, status, users, API clients, audit log, sign out', async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  const email = `maria.admin.${Date.now().toString(36)}@example.org`;
  const { password } = cli<{ password: string }>('users', 'create', '--email', email, '--role', 'admin', '--name', 'Maria');

  // 1. Sign in with the generated password.
  await page.goto('/');
  await expect(page).toHaveURL(/\/signin/);
  await page.getByLabel('E-mail').fill(email);
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await shot(page, 'signin');
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('role')).toHaveText('admin');

  // 2. The banner asks for an own password; the account page takes it.
  await expect(page.getByRole('status').filter({ hasText: 'Your password was generated for you' })).toBeVisible();
  await page.getByRole('link', { name: 'Choose your own password' }).click();
  await expect(page.getByRole('heading', { name: 'Your account' })).toBeVisible();
  const own = 'a long own password 42';
  await page.getByLabel('Current password').fill(password);
  await page.getByLabel('New password', { exact: false }).first().fill(own);
  await page.getByLabel('New password again').fill(own);
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(page.getByText('Your password has been changed.')).toBeVisible();
  await expect(page.getByText('Your password was generated for you')).toHaveCount(0);
  await shot(page, 'account');

  // 3. The status page: dependencies, workers, queues, live.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Status' }).click();
  await expect(page.getByRole('heading', { name: 'System status' })).toBeVisible();
  for (const dep of ['postgresql', 'postgis', 'redis']) await expect(page.getByTestId(`dep-${dep}`)).toContainText('ok');
  await expect(page.getByTestId('dep-workers')).toContainText('1 online');
  await expect(page.getByTestId('queue-orders')).toBeVisible();
  await expect(page.getByText('Your password was generated for you')).toHaveCount(0);
  await shot(page, 'status');

  // 4. Users: add an operator; the generated password is shown once.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Users' }).click();
  const colleague = `lukas.operator.${Date.now().toString(36)}@example.org`;
  const form = page.locator('form').filter({ hasText: 'Add a user' });
  await form.getByLabel('E-mail').fill(colleague);
  await form.getByLabel('Name').fill('Lukas');
  await form.getByLabel('Role').selectOption('operator');
  await form.getByRole('button', { name: 'Add user' }).click();
  await expect(page.getByTestId('secret-once')).toContainText(`Password of ${colleague}`);
  await expect(page.getByTestId(`user-${colleague}`)).toContainText('must change password');
  await expect(page.getByTestId(`user-${email}`)).toContainText('active');
  await shot(page, 'users');
  await page.getByRole('button', { name: 'I have stored it' }).click();
  await expect(page.getByTestId('secret-once')).toHaveCount(0);

  // 5. API clients: a client for a customer's portal, with get_product; its secret is shown once.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'API clients' }).click();
  const clientForm = page.locator('form').filter({ hasText: 'New API client' });
  await clientForm.getByLabel('Client name').fill('Land portal of Lower Austria');
  await clientForm.getByLabel('Customer', { exact: true }).fill('Amt der NÖ Landesregierung');
  await clientForm.getByLabel('get_product').check();
  await clientForm.getByRole('button', { name: 'Create client' }).click();
  await expect(page.getByTestId('secret-once')).toContainText('Secret of client');
  const clientId = /Secret of client (\S+)/.exec((await page.getByTestId('secret-once').textContent())!)![1]!;
  await expect(page.getByTestId(`client-${clientId}`)).toContainText('get_product');
  await expect(page.getByTestId(`client-${clientId}`)).toContainText('never');
  await shot(page, 'clients');
  await page.getByRole('button', { name: 'I have stored it' }).click();

  // 6. Audit log: everything above is there, filtered by the start of the action.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit log' }).click();
  await expect(page.getByRole('heading', { name: 'Audit log' })).toBeVisible();
  await page.getByLabel('Action starts with').fill('client.');
  await page.getByRole('button', { name: 'Filter' }).click();
  await expect(page).toHaveURL(/action=client\./);
  await expect(page.getByTestId('audit-row').filter({ hasText: clientId }).first()).toContainText('client.created');
  await page.getByLabel('Action starts with').fill('');
  await page.getByRole('button', { name: 'Filter' }).click();
  await expect(page.getByTestId('audit-row').filter({ hasText: 'user.created' }).first()).toBeVisible();
  await expect(page.getByTestId('audit-row').filter({ hasText: 'signin.' }).first()).toBeVisible();
  await shot(page, 'audit');

  // 7. Sign out.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByText('You are signed out.')).toBeVisible();
});
