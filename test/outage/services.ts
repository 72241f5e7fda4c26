/**
 * A PostgreSQL cluster and a Redis server of the outage test's own (real servers on free ports in a temp dir), so
 * that stopping them disturbs nobody else, plus the web and worker processes against them.
 *   1. PostgreSQL: initdb + pg_ctl as the `postgres` user when we are root (as scripts/services.sh does); migrated,
 *      seeded, nation boundaries loaded and the store catalogue copied from the main database (the store's files are
 *      shared read-only), so orders cut real data.
 *   2. Redis: append-only file in the temp dir, so a restart keeps the queued jobs.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { migrateDatabase } from '~/db/migrate';
import { createDb } from '~/db/client';
import { seedDatabase } from '~/db/seed/seed-database';
import { createClient } from '~/server/clients/create-client';
import { loadNationBoundaries } from '~/server/geo/load-nation-boundaries';

const PGBIN = '/usr/lib/postgresql/15/bin';
const asRoot = process.getuid?.() === 0;

/** A free TCP port on 127.0.0.1 (the kernel picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

/** Runs a command as the cluster's owner (`postgres` when we are root: PostgreSQL refuses to run as root). */
function asPostgres(cmd: string, args: string[]) {
  const r = asRoot
    ? spawnSync('runuser', ['-u', 'postgres', '--', cmd, ...args], { encoding: 'utf8' })
    : spawnSync(cmd, args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${path.basename(cmd)} ${args[0]} failed: ${r.stderr || r.stdout}`);
}

export type OutageServices = {
  dir: string;
  databaseUrl: string;
  redisUrl: string;
  client: { clientId: string; clientSecret: string };
  /** The console's first admin (signs in over HTTP). */
  admin: { email: string; password: string };
  stopPostgres: () => void;
  startPostgres: () => void;
  stopRedis: () => void;
  startRedis: () => Promise<void>;
  teardown: () => void;
};

export async function startOutageServices(opts: { sourceDatabaseUrl: string }): Promise<OutageServices> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clcplus-outage-'));
  fs.chmodSync(dir, 0o755);
  const pgData = path.join(dir, 'pg');
  const redisDir = path.join(dir, 'redis');
  fs.mkdirSync(redisDir);
  const [pgPort, redisPort] = [await freePort(), await freePort()];
  const pgPassword = randomBytes(16).toString('hex');
  const redisPassword = randomBytes(16).toString('hex');

  // 1. PostgreSQL ---------------------------------------------------------------------------------------------------
  const pwfile = path.join(dir, 'pwfile');
  fs.writeFileSync(pwfile, `${pgPassword}\n`, { mode: 0o600 });
  if (asRoot) execFileSync('chown', ['postgres:postgres', dir, pwfile]);
  asPostgres(`${PGBIN}/initdb`, ['-D', pgData, '-U', 'postgres', '--auth=scram-sha-256', `--pwfile=${pwfile}`, '-E', 'UTF8']);
  const startPostgres = () =>
    asPostgres(`${PGBIN}/pg_ctl`, [
      'start',
      '-D',
      pgData,
      '-w',
      '-t',
      '60',
      '-l',
      path.join(dir, 'postgres.log'),
      '-o',
      `-p ${pgPort} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=100`,
    ]);
  const stopPostgres = () => asPostgres(`${PGBIN}/pg_ctl`, ['stop', '-D', pgData, '-m', 'fast', '-w']);
  startPostgres();
  const admin = `postgres://postgres:${pgPassword}@127.0.0.1:${pgPort}/postgres`;
  execFileSync('psql', [admin, '-qc', 'create database clcplus']);
  const databaseUrl = `postgres://postgres:${pgPassword}@127.0.0.1:${pgPort}/clcplus`;
  await migrateDatabase(databaseUrl);
  const db = createDb(databaseUrl, { max: 2 });
  const seeded = await seedDatabase(db, { adminEmail: 'admin@outage.test' });
  await loadNationBoundaries(db);
  execFileSync(
    'bash',
    [
      '-o',
      'pipefail',
      '-c',
      'pg_dump --data-only --no-owner -t sub_production_units -t production_units -t products -t store_groups "$SRC" | psql -q -v ON_ERROR_STOP=1 "$DST" >/dev/null',
    ],
    // eslint-disable-next-line no-restricted-properties -- a child process inherits the environment (PATH for pg_dump)
    { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, SRC: opts.sourceDatabaseUrl, DST: databaseUrl } },
  );
  const { client, clientSecret } = await createClient(
    db,
    { name: 'outage test', scopes: ['get_product', 'user'] },
    { type: 'system', id: 'outage-test' },
  );
  await db.$client.end();

  // 2. Redis ----------------------------------------------------------------------------------------------------------
  const redisArgs = [
    '--port',
    String(redisPort),
    '--bind',
    '127.0.0.1',
    '--requirepass',
    redisPassword,
    '--maxmemory-policy',
    'noeviction',
    '--save',
    '',
    '--appendonly',
    'yes',
    '--appendfsync',
    'always',
    '--dir',
    redisDir,
    '--daemonize',
    'yes',
    '--pidfile',
    path.join(redisDir, 'redis.pid'),
    '--logfile',
    path.join(redisDir, 'redis.log'),
  ];
  const cli = (...args: string[]) =>
    spawnSync('redis-cli', ['-p', String(redisPort), '-a', redisPassword, '--no-auth-warning', ...args], { encoding: 'utf8' });
  const startRedis = async () => {
    execFileSync('redis-server', redisArgs);
    for (let i = 0; i < 100 && !/PONG/.test(cli('ping').stdout); i++) await new Promise((r) => setTimeout(r, 50));
  };
  const stopRedis = () => void cli('shutdown', 'nosave');
  await startRedis();

  return {
    dir,
    databaseUrl,
    redisUrl: `redis://:${redisPassword}@127.0.0.1:${redisPort}/0`,
    client: { clientId: client.clientId, clientSecret },
    admin: { email: seeded.admin!.email, password: seeded.admin!.password },
    stopPostgres,
    startPostgres,
    stopRedis,
    startRedis,
    teardown: () => {
      stopRedis();
      try {
        stopPostgres();
      } catch {
        // already stopped
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
