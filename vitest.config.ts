import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// next-auth imports `next/server` without the extension Node's ESM resolution needs (Next.js resolves it itself).
// `~/` is the repository root (tsconfig.json `paths`), as for Next.js, tsx and Playwright.
export const alias = [
  { find: 'next/server', replacement: 'next/server.js' },
  { find: /^~\//, replacement: fileURLToPath(new URL('./', import.meta.url)) },
];

export default defineConfig({
  resolve: { alias },
  test: {
    include: ['**/*.test.ts'],
    exclude: ['node_modules/**', '.next/**', '.data/**', 'playwright/**', 'test/outage/**', 'test/scale/**'],
    // Native addons (gdal-async) and child processes: run each file in its own process.
    pool: 'forks',
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    env: { NODE_ENV: 'test' },
    server: { deps: { inline: ['next-auth', '@auth/core'] } },
  },
});
