/**
 * Applies the versioned migrations in db/migrations/ (drizzle's journal; already applied ones are skipped).
 * `tsx db/migrate.ts` migrates DATABASE_URL; `migrateDatabase(url)` is used by tests for their databases.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import { createDb } from './client';

export const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

export async function migrateDatabase(url: string): Promise<{ applied: number }> {
  const db = createDb(url, { max: 1, applicationName: 'clcplus-migrate' });
  try {
    const count = async () => {
      const rows = await db.$client<{ n: number }[]>`
        select count(*)::int as n from information_schema.tables
        where table_schema = 'drizzle' and table_name = '__drizzle_migrations'`;
      if (!rows[0]?.n) return 0;
      const [r] = await db.$client<{ n: number }[]>`select count(*)::int as n from drizzle.__drizzle_migrations`;
      return r?.n ?? 0;
    };
    const before = await count();
    await migrate(db, { migrationsFolder: MIGRATIONS_DIR });
    return { applied: (await count()) - before };
  } finally {
    await db.$client.end({ timeout: 5 });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { env } = await import('../server/env.js');
  const t0 = performance.now();
  const { applied } = await migrateDatabase(env.DATABASE_URL);
  const ms = Math.round(performance.now() - t0);
  console.log(applied ? `  ✓ applied ${applied} migration(s) in ${ms} ms` : `  ✓ schema up to date (${ms} ms)`);
}
