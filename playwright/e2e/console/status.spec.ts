import { Queue } from 'bullmq';
import { expect, test } from '@playwright/test';
import { env } from '~/server/env.js';
import { createQueueConnection } from '~/server/redis/client';
import { newUser, signIn } from '~/playwright/fixtures/cli';

test.describe('console home: live system status', () => {
  test.beforeEach(async ({ page }) => {
    await signIn(page, newUser('viewer'));
  });

  test('shows every dependency ok and the worker online', async ({ page }) => {
    await page.goto('/');
    await expect(page.getByRole('heading', { name: 'System status' })).toBeVisible();
    for (const dep of ['postgresql', 'postgis', 'redis']) {
      await expect(page.getByTestId(`dep-${dep}`)).toContainText('ok');
    }
    await expect(page.getByTestId('dep-workers')).toContainText('1 online');
    await expect(page.getByTestId('dep-workers')).toContainText(/GDAL 3\.\d+/);
    for (const q of ['orders', 'tasks', 'logs', 'maintenance', 'airflow']) {
      await expect(page.getByTestId(`queue-${q}`)).toBeVisible();
    }
  });

  test('updates without a reload when a queue changes', async ({ page }) => {
    await page.goto('/');
    const delayed = page.getByTestId('queue-orders').locator('td').nth(4);
    await expect(delayed).toHaveText('0');

    const connection = createQueueConnection(env.REDIS_URL);
    const queue = new Queue('orders', { connection, prefix: env.QUEUE_PREFIX });
    const job = await queue.add('e2e.probe', {}, { delay: 3_600_000 });
    try {
      await expect(delayed).toHaveText('1');
    } finally {
      await job.remove();
      await queue.close();
      await connection.quit();
    }
    await expect(delayed).toHaveText('0');
  });
});
