import { expect, test } from '@playwright/test';
import { newUser, signIn } from '~/playwright/fixtures/cli';

test.describe('console sign-in and roles', () => {
  test('an admin signs in, sees the admin navigation, and signs out', async ({ page }) => {
    const admin = newUser('admin');
    await signIn(page, admin);
    await expect(page.getByTestId('role')).toHaveText('admin');
    const nav = page.getByRole('navigation', { name: 'Main' });
    await expect(nav.getByRole('link')).toHaveText(['Status', 'Users', 'API clients', 'Audit log']);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page).toHaveURL(/\/signin/);
    await expect(page.getByText('You are signed out.')).toBeVisible();
    await page.goto('/');
    await expect(page).toHaveURL(/\/signin/);
  });

  test('a viewer sees only the status, cannot open admin pages or call admin procedures', async ({ page }) => {
    const viewer = newUser('viewer');
    await signIn(page, viewer);
    await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link')).toHaveText(['Status']);
    for (const path of ['/admin/users', '/admin/clients', '/admin/audit']) {
      await page.goto(path);
      await expect(page.getByRole('heading', { name: 'Access denied' })).toBeVisible();
      await expect(page.locator('table')).toHaveCount(0);
    }
    // The server refuses the procedure itself, whatever the page shows.
    const res = await page.request.get('/api/trpc/users.list');
    expect(res.status()).toBe(403);
    expect((await res.json()).error.json.data.code).toBe('FORBIDDEN');
    const mutation = await page.request.post('/api/trpc/users.create', {
      data: { json: { email: 'sneaky@e2e.test', role: 'admin' } },
      headers: { origin: new URL(page.url()).origin },
    });
    expect(mutation.status()).toBe(403);
  });

  test('admin procedures refuse a cross-site request even with an admin session (CSRF)', async ({ page }) => {
    await signIn(page, newUser('admin'));
    const origin = new URL(page.url()).origin;
    const ok = await page.request.get('/api/trpc/users.list');
    expect(ok.status()).toBe(200);
    const forged = await page.request.post('/api/trpc/users.create', {
      data: { json: { email: 'csrf@e2e.test', role: 'admin' } },
      headers: { origin: 'https://evil.example' },
    });
    expect(forged.status()).toBe(403);
    const same = await page.request.post('/api/trpc/users.create', {
      data: { json: { email: `ok-${Date.now()}@e2e.test`, role: 'viewer' } },
      headers: { origin },
    });
    expect(same.status()).toBe(200);
  });

  test('an operator sees no admin navigation', async ({ page }) => {
    await signIn(page, newUser('operator'));
    await expect(page.getByTestId('role')).toHaveText('operator');
    await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Users' })).toHaveCount(0);
  });

  test('a wrong password shows a message, and repeated tries are rate-limited', async ({ page }) => {
    const user = newUser('viewer');
    await page.goto('/signin');
    const submit = async () => {
      // Wait for the server action's answer: the message of the previous try is already on the page.
      const answered = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/signin');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await answered;
      await expect(page.getByLabel('Password', { exact: true })).toHaveValue(''); // the form has been reset
    };
    for (let i = 0; i < 5; i++) {
      await page.getByLabel('E-mail').fill(user.email);
      await page.getByLabel('Password', { exact: true }).fill(`wrong-${i}`);
      await submit();
      await expect(page.locator('p[role=alert]')).toHaveText('Wrong e-mail or password.');
    }
    // Even the right password is refused until the window passes.
    await page.getByLabel('E-mail').fill(user.email);
    await page.getByLabel('Password', { exact: true }).fill(user.password);
    await submit();
    // The wait is the limiter's own (15-minute window, first failure a moment ago): about 15 minutes.
    await expect(page.locator('p[role=alert]')).toHaveText(/^Too many attempts\. Try again in 1[45] minutes\.$/);
    await expect(page).toHaveURL(/\/signin/);
  });

  test('a user changes their own password and signs in with it', async ({ page }) => {
    const user = newUser('operator');
    await signIn(page, user);
    await expect(page.getByText('Your password was generated for you.')).toBeVisible();
    await page.getByTestId('account-link').click();
    const fresh = 'a brand new passphrase 42';
    await page.getByLabel('Current password').fill('not the password');
    await page
      .getByLabel(/^New password/)
      .first()
      .fill(fresh);
    await page.getByLabel('New password again').fill(fresh);
    await page.getByRole('button', { name: 'Change password' }).click();
    await expect(page.locator('p[role=alert]')).toHaveText('the current password is wrong');
    // The form is cleared after each submission (React form actions): fill it again.
    await page.getByLabel('Current password').fill(user.password);
    await page
      .getByLabel(/^New password/)
      .first()
      .fill(fresh);
    await page.getByLabel('New password again').fill(fresh);
    await page.getByRole('button', { name: 'Change password' }).click();
    await expect(page.locator('form p[role=status]')).toHaveText('Your password has been changed.');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await signIn(page, { email: user.email, password: fresh });
    await expect(page.getByText('Your password was generated for you.')).toHaveCount(0);
  });

  test('an admin creates an API client, sees its secret once, and the secret works', async ({ page, request }) => {
    await signIn(page, newUser('admin'));
    await page.goto('/admin/clients');
    await page.getByLabel('Client name').fill('Portal from the console');
    await page.getByRole('checkbox', { name: 'get_product' }).check();
    await page.getByRole('button', { name: 'Create client' }).click();
    const secret = (await page.getByTestId('secret-value').textContent())!;
    const label = (await page.getByTestId('secret-once').textContent())!;
    const clientId = /client (\S+) —/.exec(label)![1]!;
    await page.getByRole('button', { name: 'I have stored it' }).click();
    await expect(page.getByTestId('secret-once')).toHaveCount(0);
    await expect(page.getByTestId(`client-${clientId}`)).toContainText('get_product user');
    await expect(page.getByText(secret)).toHaveCount(0);

    const token = await request.post('/oauth/token', {
      form: { grant_type: 'client_credentials' },
      headers: { authorization: `Basic ${Buffer.from(`${clientId}:${secret}`).toString('base64')}` },
    });
    expect(token.status()).toBe(200);
    await page.goto('/admin/audit?action=client.');
    await expect(page.getByTestId('audit-row').first()).toContainText('client.created');
  });
});
