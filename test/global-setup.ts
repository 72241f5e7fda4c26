/**
 * Once per `vitest run`: a template database migrated to the current schema. Each test file clones it
 * (`CREATE DATABASE … TEMPLATE`, ~100 ms) so files run in parallel on databases of their own.
 * The template is rebuilt only when the migrations change (their hash is the database's comment).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import postgres from 'postgres';
import type { TestProject } from 'vitest/node';
import { migrateDatabase, MIGRATIONS_DIR } from '~/db/migrate';
import { env } from '~/server/env.js';
import { databaseUrl, templateName } from './names';

function migrationsHash(): string {
  const h = createHash('sha256');
  for (const f of fs.readdirSync(MIGRATIONS_DIR, { recursive: true }).map(String).sort()) {
    const p = path.join(MIGRATIONS_DIR, f);
    if (fs.statSync(p).isFile()) h.update(f).update(fs.readFileSync(p));
  }
  return h.digest('hex').slice(0, 16);
}

function processAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export default async function setup(project: TestProject) {
  const admin = postgres(env.DATABASE_URL, { max: 1, onnotice: () => {} });
  const hash = migrationsHash();
  // One template per migration set, so test runs of different checkouts (worktrees) can share a server.
  const template = `${templateName(env.DATABASE_URL)}_${hash.slice(0, 12)}`;
  try {
    const [row] = await admin<{ comment: string | null }[]>`
      select shobj_description(oid, 'pg_database') as comment from pg_database where datname = ${template}`;
    if (row?.comment !== hash) {
      await admin.unsafe(`drop database if exists "${template}" with (force)`);
      await admin.unsafe(`create database "${template}"`);
      await migrateDatabase(databaseUrl(env.DATABASE_URL, template));
      await admin.unsafe(`comment on database "${template}" is '${hash}'`);
    }
    // Databases left behind by an interrupted earlier run: their run's process is gone. A run still going
    // (another `vitest run` on the same server) keeps its own.
    const clones = await admin<{ datname: string }[]>`
      select datname from pg_database where datname like ${`${templateName(env.DATABASE_URL)}_%_p%_f%`}`;
    for (const { datname } of clones) {
      const pid = Number(/_p(\d+)_f/.exec(datname)?.[1]);
      if (!processAlive(pid)) await admin.unsafe(`drop database if exists "${datname}" with (force)`);
    }
  } finally {
    await admin.end();
  }
  project.provide('templateDatabase', template);
  project.provide('testRunPid', process.pid);
}

declare module 'vitest' {
  export interface ProvidedContext {
    templateDatabase: string;
    /** The `vitest run` process: test databases carry it so a later run can tell which are abandoned. */
    testRunPid: number;
  }
}
