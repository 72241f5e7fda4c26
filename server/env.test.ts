import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { parseEnv } from './env.js';

const good = { DATABASE_URL: 'postgres://u:p@127.0.0.1:5432/db', REDIS_URL: 'redis://127.0.0.1:6379/0' };

describe('configuration', () => {
  it('accepts a valid environment and fills defaults', () => {
    const env = parseEnv(good);
    expect(env.PORT).toBe(3000);
    expect(env.QUEUE_PREFIX).toBe('clcplus');
  });

  it('names every bad variable, never its value', () => {
    const secretish = 'mysql://root:hunter2@db/x';
    expect(() => parseEnv({ ...good, DATABASE_URL: secretish, PORT: 'eighty' })).toThrowError(
      /DATABASE_URL: must be a postgres:\/\/ URL[\s\S]*PORT:/,
    );
    try {
      parseEnv({ ...good, DATABASE_URL: secretish });
    } catch (e) {
      expect(String(e)).not.toContain('hunter2');
    }
  });

  it('requires the database and Redis URLs', () => {
    expect(() => parseEnv({})).toThrowError(/DATABASE_URL: is required[\s\S]*REDIS_URL: is required/);
  });

  it('stops a process at start with a bad DATABASE_URL, naming it', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'db/migrate.ts'], {
      env: { ...process.env, DATABASE_URL: 'not a url' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/Invalid configuration[\s\S]*DATABASE_URL: must be a postgres:\/\/ URL/);
  });
});
