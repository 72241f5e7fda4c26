import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { parseEnv } from './env.js';

const secret = 'x'.repeat(32);
const good = {
  DATABASE_URL: 'postgres://u:p@127.0.0.1:5432/db',
  REDIS_URL: 'redis://127.0.0.1:6379/0',
  AUTH_SECRET: secret,
  KEY_ENCRYPTION_KEY: secret,
  DOWNLOAD_SIGNING_KEY: secret,
};

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

  it('requires the database and Redis URLs and the secrets', () => {
    expect(() => parseEnv({})).toThrowError(
      /DATABASE_URL: is required[\s\S]*REDIS_URL: is required[\s\S]*AUTH_SECRET: is required/,
    );
  });

  it('parses trusted issuers and refuses malformed ones', () => {
    const issuers = [{ issuer: 'https://idp.example.org/realms/x', jwksUri: 'https://idp.example.org/certs' }];
    expect(parseEnv({ ...good, TRUSTED_ISSUERS: JSON.stringify(issuers) }).TRUSTED_ISSUERS).toEqual(issuers);
    expect(() => parseEnv({ ...good, TRUSTED_ISSUERS: '[{"issuer":1}]' })).toThrowError(/TRUSTED_ISSUERS: must be a JSON array/);
  });

  it('parses Airflow connections and refuses malformed ones without showing them', () => {
    const conns = { default: { url: 'http://airflow:8080', apiVersion: 'v2', username: 'bridge', password: 'hunter2' } };
    expect(parseEnv({ ...good, AIRFLOW_CONNECTIONS: JSON.stringify(conns) }).AIRFLOW_CONNECTIONS).toEqual({
      default: { ...conns.default, timeoutMs: 10_000 },
    });
    expect(parseEnv(good).AIRFLOW_CONNECTIONS).toEqual({});
    const bad = JSON.stringify({ default: { ...conns.default, apiVersion: 'v3' } });
    expect(() => parseEnv({ ...good, AIRFLOW_CONNECTIONS: bad })).toThrowError(/AIRFLOW_CONNECTIONS: must be a JSON object/);
    try {
      parseEnv({ ...good, AIRFLOW_CONNECTIONS: bad });
    } catch (e) {
      expect(String(e)).not.toContain('hunter2');
    }
  });

  it('checks the webhook allow-list and the mail settings (SMTP_URL needs MAIL_FROM), never showing the URL', () => {
    const e = parseEnv({ ...good, WEBHOOK_ALLOWED_HOSTS: '127.0.0.1, hooks.internal ,10.20.0.0/16,[::1]' });
    expect(e.WEBHOOK_ALLOWED_HOSTS).toContain('hooks.internal');
    expect(() => parseEnv({ ...good, WEBHOOK_ALLOWED_HOSTS: 'http://x/' })).toThrowError(/WEBHOOK_ALLOWED_HOSTS: must be/);
    expect(() => parseEnv({ ...good, WEBHOOK_ALLOWED_HOSTS: '10.0.0.0/99' })).toThrowError(/WEBHOOK_ALLOWED_HOSTS: must be/);
    const smtp = 'smtp://mailer:hunter2@mail.example.org:587';
    expect(parseEnv({ ...good, SMTP_URL: smtp, MAIL_FROM: 'noreply@example.org' }).SMTP_URL).toBe(smtp);
    expect(() => parseEnv({ ...good, SMTP_URL: smtp })).toThrowError(/MAIL_FROM: SMTP_URL needs MAIL_FROM/);
    expect(() => parseEnv({ ...good, SMTP_URL: 'http://mailer:hunter2@x', MAIL_FROM: 'a@b.c' })).toThrowError(
      /SMTP_URL: must be/,
    );
    try {
      parseEnv({ ...good, SMTP_URL: 'http://mailer:hunter2@x', MAIL_FROM: 'a@b.c' });
    } catch (err) {
      expect(String(err)).not.toContain('hunter2');
    }
  });

  it('reads the OGC synchronous-execution limit (km², 0 = never) and refuses a negative one', () => {
    expect(parseEnv(good).OGC_SYNC_MAX_AREA_KM2).toBe(100);
    expect(parseEnv({ ...good, OGC_SYNC_MAX_AREA_KM2: '0' }).OGC_SYNC_MAX_AREA_KM2).toBe(0);
    expect(parseEnv({ ...good, OGC_SYNC_MAX_AREA_KM2: '12.5' }).OGC_SYNC_MAX_AREA_KM2).toBe(12.5);
    expect(() => parseEnv({ ...good, OGC_SYNC_MAX_AREA_KM2: '-1' })).toThrowError(/OGC_SYNC_MAX_AREA_KM2:/);
    expect(() => parseEnv({ ...good, OGC_SYNC_MAX_AREA_KM2: 'small' })).toThrowError(/OGC_SYNC_MAX_AREA_KM2:/);
  });

  it('wants all or none of the OIDC settings', () => {
    expect(() => parseEnv({ ...good, OIDC_ISSUER: 'https://idp.example.org' })).toThrowError(/set all three of OIDC_ISSUER/);
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
