/**
 * A database of the test file's own, cloned from the migrated template: `const t = useTestDatabase();` then
 * `t.db` inside tests. Dropped after the file. Tests may run in parallel and be rerun.
 */
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { afterAll, beforeAll, inject } from 'vitest';
import { createDb, type Database } from '~/db/client';
import { env } from '~/server/env.js';
import { databaseUrl } from './names';

export type TestDatabase = { db: Database; url: string; name: string };

export function useTestDatabase(): TestDatabase {
  const template = inject('templateDatabase');
  const name = `${template}_p${inject('testRunPid')}_f${randomBytes(5).toString('hex')}`;
  const state = { url: databaseUrl(env.DATABASE_URL, name), name } as TestDatabase;
  const admin = () => postgres(env.DATABASE_URL, { max: 1, onnotice: () => {} });

  beforeAll(async () => {
    const sql = admin();
    try {
      await sql.unsafe(`create database "${name}" template "${template}"`);
    } finally {
      await sql.end();
    }
    state.db = createDb(state.url, { max: 5, applicationName: 'clcplus-test' });
  });

  afterAll(async () => {
    await state.db?.$client.end({ timeout: 5 });
    const sql = admin();
    try {
      await sql.unsafe(`drop database if exists "${name}" with (force)`);
    } finally {
      await sql.end();
    }
  });

  return state;
}
