/**
 * The outage test (test/outage/*.test.ts): its own PostgreSQL, Redis, web (production build) and worker, so it runs
 * after `next build` and apart from the other vitest files: `npm test -- --outage`.
 */
import { defineConfig } from 'vitest/config';
import { alias } from '../../vitest.config';

export default defineConfig({
  resolve: { alias },
  test: {
    include: ['test/outage/*.test.ts'],
    pool: 'forks',
    testTimeout: 400_000,
    hookTimeout: 150_000,
    env: { NODE_ENV: 'test' },
  },
});
