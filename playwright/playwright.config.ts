/**
 * Playwright against a production build, in Debian's Chromium (never a downloaded browser).
 * `npm test` prepares a fresh e2e database and runs this with PORT / WORKER_HEALTH_PORT / DATABASE_URL set for it;
 * Playwright starts web and worker itself and stops them (SIGTERM to their process groups) at the end.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from '@playwright/test';
import { env } from '~/server/env.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const baseURL = `http://${env.HOST}:${env.PORT}`;
// The webhook specs' receivers listen on 127.0.0.1: the servers may send there (docs/notifications.md).
const serverEnv = { WEBHOOK_ALLOWED_HOSTS: '127.0.0.1' };

export default defineConfig({
  testDir: './e2e',
  outputDir: '../test-results',
  fullyParallel: true,
  workers: 2,
  retries: 0,
  forbidOnly: true,
  reporter: [['list']],
  timeout: 30_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL,
    browserName: 'chromium',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
  projects: [
    { name: 'api', testDir: './e2e/api' },
    { name: 'console', testDir: './e2e/console' },
  ],
  webServer: [
    {
      command: `node --import tsx scripts/web.ts --host ${env.HOST} --port ${env.PORT}`,
      cwd: root,
      env: serverEnv,
      url: `${baseURL}/healthz`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: 'ignore',
      stderr: 'pipe',
      gracefulShutdown: { signal: 'SIGTERM', timeout: 5_000 },
    },
    {
      command: 'node --import tsx jobs/worker.ts',
      cwd: root,
      env: serverEnv,
      url: `http://${env.HOST}:${env.WORKER_HEALTH_PORT}/healthz`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: 'ignore',
      stderr: 'pipe',
      gracefulShutdown: { signal: 'SIGTERM', timeout: 10_000 },
    },
  ],
});
