/** drizzle-kit configuration: `npm run db:generate` writes a new versioned migration into db/migrations/. */
import { defineConfig } from 'drizzle-kit';
import { env } from '../server/env.js';

export default defineConfig({
  dialect: 'postgresql',
  schema: './db/schema/index.ts',
  out: './db/migrations',
  dbCredentials: { url: env.DATABASE_URL },
  // PostGIS owns spatial_ref_sys and its views: never diff or drop them.
  extensionsFilters: ['postgis'],
  strict: true,
  verbose: true,
});
