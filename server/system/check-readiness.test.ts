import { describe, expect, it, afterAll } from 'vitest';
import { createDb } from '~/db/client';
import { useTestDatabase } from '~/test/db';
import { createFailFastRedis } from '../redis/client';
import { env } from '../env.js';
import { checkReadiness } from './check-readiness';

const t = useTestDatabase();
const redis = createFailFastRedis(env.REDIS_URL);
const deadRedis = createFailFastRedis('redis://127.0.0.1:1/0');
deadRedis.on('error', () => {});
afterAll(() => {
  redis.disconnect();
  deadRedis.disconnect();
});

describe('readiness', () => {
  it('reports PostgreSQL, PostGIS and Redis ok with their versions', async () => {
    const r = await checkReadiness({ db: t.db, redis });
    expect(r.ok).toBe(true);
    expect(r.checks.postgresql.detail).toMatch(/^PostgreSQL 15\./);
    expect(r.checks.postgis.detail).toMatch(/^PostGIS 3\./);
    expect(r.checks.redis.detail).toMatch(/^Redis 7\./);
  });

  it('names Redis when it does not answer, quickly', async () => {
    const t0 = Date.now();
    const r = await checkReadiness({ db: t.db, redis: deadRedis }, 1500);
    expect(Date.now() - t0).toBeLessThan(2500);
    expect(r.ok).toBe(false);
    expect(r.checks.redis.ok).toBe(false);
    expect(r.checks.postgresql.ok).toBe(true);
  });

  it('names PostgreSQL and PostGIS when the database is unreachable, without leaking the URL', async () => {
    const bad = new URL(t.url);
    bad.port = '1';
    const db = createDb(bad.toString(), { max: 1 });
    const r = await checkReadiness({ db, redis }, 1500);
    await db.$client.end({ timeout: 1 });
    expect(r.ok).toBe(false);
    expect(r.checks.postgresql.ok).toBe(false);
    expect(r.checks.postgis.ok).toBe(false);
    expect(r.checks.redis.ok).toBe(true);
    expect(JSON.stringify(r)).not.toContain(bad.password);
  });

  it('names PostGIS alone when the extension is missing', async () => {
    const postgres = (await import('postgres')).default;
    const admin = postgres(env.DATABASE_URL, { max: 1, onnotice: () => {} });
    const name = `${t.name}_nogis`;
    await admin.unsafe(`create database "${name}"`);
    const url = new URL(t.url);
    url.pathname = `/${name}`;
    const db = createDb(url.toString(), { max: 1 });
    try {
      const r = await checkReadiness({ db, redis });
      expect(r.checks.postgresql.ok).toBe(true);
      expect(r.checks.postgis.ok).toBe(false);
      expect(r.checks.postgis.detail).toMatch(/postgis_lib_version/);
    } finally {
      await db.$client.end();
      await admin.unsafe(`drop database "${name}" with (force)`);
      await admin.end();
    }
  });
});
