/**
 * The scale-out test (test/scale/*.test.ts): two webs (production build) and two workers on a PostgreSQL and a
 * Redis of its own (test/outage/services.ts), so it runs after `next build` and apart from the other vitest files:
 * `npm test -- --scale`.
 */
import { defineConfig } from 'vitest/config';
import { alias } from '../../vitest.config';

export default defineConfig({
  resolve: { alias },
  test: {
    include: ['test/scale/*.test.ts'],
    pool: 'forks',
    testTimeout: 300_000,
    hookTimeout: 150_000,
    env: { NODE_ENV: 'test' },
  },
});
