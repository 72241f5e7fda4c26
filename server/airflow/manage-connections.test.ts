/**
 * Airflow connections managed by an administrator, against a real database: add (password sealed, invalid input
 * refused naming the field with nothing written), list (no password), remove, readiness (environment, then the
 * table, never opening the password), and `test` against Prism serving the official specs (OK), the stateful double
 * (v2 token refused) and small stubs (v1 401, not an Airflow, unreachable). Then the admin CLI itself: password from
 * stdin only, never printed, exit code 2 for invalid input.
 */
import { spawnSync } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { airflowConnections } from '~/db/schema';
import { open } from '~/server/auth/secret-box';
import { isAppError } from '~/server/errors';
import { startAirflowDouble, type AirflowDouble } from '~/test/airflow-double';
import { useTestDatabase } from '~/test/db';
import { startPrism } from '~/test/prism';
import { clearAirflowTokens } from './airflow-request';
import { isAirflowConnectionConfigured } from './connection-ready';
import { listAirflowConnections } from './list-connections';
import { removeAirflowConnection } from './remove-connection';
import type { EnvConnections } from './resolve-connection';
import { saveAirflowConnection } from './save-connection';
import { testAirflowConnection } from './test-connection';

const t = useTestDatabase();
const KEY = 'test-key-encryption-key-0123456789';
const PASSWORD = 'pw-3b1f-never-shown';
const envConnections: EnvConnections = {
  default: {
    url: 'http://airflow-env.example',
    apiVersion: 'v2',
    username: 'env-user',
    password: 'env-pw-secret',
    timeoutMs: 5000,
  },
  shared: { url: 'http://airflow-old.example', apiVersion: 'v1', username: 'old', password: 'old-pw-secret', timeoutMs: 5000 },
};
const deps = () => ({ db: t.db, encryptionKey: KEY, envConnections });
const rows = () => t.db.select().from(airflowConnections);

async function refusal(run: () => Promise<unknown>) {
  const e = await run().then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(isAppError(e), String(e)).toBe(true);
  return e as { code: string; detail: string };
}

/** A one-line HTTP server answering every request with `status` and `body`. */
async function stub(status: number, body: string): Promise<{ url: string; server: Server }> {
  const server = createServer((_req, res) => res.writeHead(status, { 'content-type': 'application/json' }).end(body));
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}
const close = (s: Server) => new Promise<void>((ok) => s.close(() => ok()));

describe('admin operations', () => {
  it('add: the password is sealed in the table; adding the name again replaces it', async () => {
    const input = {
      name: 'prod',
      url: 'https://airflow.example/',
      apiVersion: 'v2' as const,
      username: 'clcplus',
      password: PASSWORD,
    };
    const added = await saveAirflowConnection(deps(), input);
    expect(added).toEqual({
      name: 'prod',
      created: true,
      connection: {
        name: 'prod',
        url: 'https://airflow.example/',
        apiVersion: 'v2',
        username: 'clcplus',
        timeoutMs: 10_000,
        source: 'table',
        active: true,
        updatedAt: expect.any(String),
      },
    });
    const [row] = await t.db.select().from(airflowConnections).where(eq(airflowConnections.name, 'prod'));
    expect(row).toMatchObject({ url: 'https://airflow.example/', apiVersion: 'v2', username: 'clcplus', timeoutMs: 10_000 });
    expect(row!.passwordSealed).not.toContain(PASSWORD);
    expect(open(row!.passwordSealed, KEY)).toBe(PASSWORD);
    expect(await saveAirflowConnection(deps(), { ...input, timeoutMs: 3000 })).toMatchObject({
      name: 'prod',
      created: false,
      connection: { timeoutMs: 3000 },
    });
    expect((await rows()).filter((r) => r.name === 'prod').map((r) => r.timeoutMs)).toEqual([3000]);
  });

  const valid = { name: 'ok', url: 'http://airflow.example', apiVersion: 'v1' as const, username: 'u', password: 'p' };
  for (const [field, change] of [
    ['name', { name: 'Bad Name' }],
    ['url', { url: 'ftp://airflow.example' }],
    ['url', { url: 'not a url' }],
    ['url', { url: 'https://user:secret@airflow.example' }],
    ['apiVersion', { apiVersion: 'v3' }],
    ['username', { username: '' }],
    ['password', { password: '' }],
    ['timeoutMs', { timeoutMs: 50 }],
  ] as const) {
    it(`add refuses a bad ${field} (${JSON.stringify(change)}): VALIDATION naming it, nothing written`, async () => {
      const before = (await rows()).length;
      const e = await refusal(() => saveAirflowConnection(deps(), { ...valid, ...change } as typeof valid));
      expect(e.code).toBe('VALIDATION');
      expect(e.detail).toMatch(new RegExp(`^${field}: `));
      expect(e.detail).not.toContain('secret');
      expect((await rows()).length).toBe(before);
    });
  }

  it('list: the table’s connections, then the environment’s, marked when shadowed; never a password', async () => {
    await saveAirflowConnection(deps(), { ...valid, name: 'shared', url: 'http://airflow-new.example' });
    const list = await listAirflowConnections(deps());
    const byKey = new Map(list.map((c) => [`${c.source}:${c.name}`, c]));
    expect(byKey.get('table:shared')).toMatchObject({ url: 'http://airflow-new.example', active: true });
    expect(byKey.get('env:shared')).toMatchObject({ url: 'http://airflow-old.example', active: false, updatedAt: null });
    expect(byKey.get('env:default')).toMatchObject({ apiVersion: 'v2', username: 'env-user', active: true });
    expect(byKey.get('table:prod')).toMatchObject({ apiVersion: 'v2', timeoutMs: 3000 });
    const text = JSON.stringify(list);
    for (const secret of [PASSWORD, 'env-pw-secret', 'old-pw-secret', 'password', 'sealed']) expect(text).not.toContain(secret);
  });

  it('readiness: the environment first, then the table, without opening the password', async () => {
    const ready = (name: string) => isAirflowConnectionConfigured({ db: t.db, envConnections }, name);
    expect(await ready('default')).toBe(true);
    expect(await ready('prod')).toBe(true);
    expect(await ready('nowhere')).toBe(false);
    expect(await ready('toString')).toBe(false); // not an inherited property of the parsed JSON
    // A row whose password cannot be opened is still configured: readiness never reads it.
    await t.db.insert(airflowConnections).values({
      name: 'sealed-elsewhere',
      url: 'http://x.example',
      apiVersion: 'v1',
      username: 'u',
      passwordSealed: 'v1.garbage.garbage.garbage',
    });
    expect(await ready('sealed-elsewhere')).toBe(true);
  });

  it('remove: from the table; an environment-only name and an unknown one are NOT_FOUND saying which; a bad name VALIDATION', async () => {
    expect(await removeAirflowConnection(deps(), { name: 'shared' })).toEqual({
      name: 'shared',
      removed: true,
      envStillDefines: true,
    });
    expect(await removeAirflowConnection(deps(), { name: 'sealed-elsewhere' })).toMatchObject({ envStillDefines: false });
    expect((await rows()).map((r) => r.name).sort()).toEqual(['prod']);
    const envOnly = await refusal(() => removeAirflowConnection(deps(), { name: 'default' }));
    expect(envOnly).toMatchObject({ code: 'NOT_FOUND', detail: expect.stringMatching(/defined by AIRFLOW_CONNECTIONS/) });
    expect(await refusal(() => removeAirflowConnection(deps(), { name: 'nowhere' }))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await refusal(() => removeAirflowConnection(deps(), { name: '../x' }))).toMatchObject({
      code: 'VALIDATION',
      detail: expect.stringMatching(/^name: /),
    });
  });
});

describe.each(['v1', 'v2'] as const)('test a connection (%s)', (v) => {
  let prism: Awaited<ReturnType<typeof startPrism>>;
  let af: AirflowDouble;
  beforeAll(async () => {
    [prism, af] = await Promise.all([startPrism(v), startAirflowDouble({ version: v })]);
    clearAirflowTokens();
  }, 90_000);
  afterAll(async () => {
    expect(af.state.violations).toEqual([]);
    await Promise.all([prism?.close(), af?.close()]);
  });

  it('OK against the official spec (Prism), from the table with its sealed password', async () => {
    await saveAirflowConnection(deps(), {
      name: `prism-${v}`,
      url: prism.url,
      apiVersion: v,
      username: 'bridge',
      password: PASSWORD,
    });
    const r = await testAirflowConnection(deps(), { name: `prism-${v}` });
    expect(r).toMatchObject({ name: `prism-${v}`, apiVersion: v, ok: true });
    expect(prism.output()).not.toMatch(/Request terminated with error|violation/i);
  });

  it('credentials refused: named, no password in the reason', async () => {
    let r;
    if (v === 'v2') {
      // The double's POST /auth/token refuses a wrong password.
      await saveAirflowConnection(deps(), {
        name: 'wrong-v2',
        url: af.url,
        apiVersion: 'v2',
        username: af.username,
        password: 'wrong-pw',
      });
      r = await testAirflowConnection(deps(), { name: 'wrong-v2' });
      expect(af.state.requests.at(-1)).toMatchObject({ method: 'POST', path: '/auth/token' });
    } else {
      // The double serves no DAG list; a stub answers as Airflow 2 does to bad Basic credentials.
      const s = await stub(401, '{"type":"about:blank","title":"Unauthorized","status":401,"detail":"Unauthorized"}');
      await saveAirflowConnection(deps(), {
        name: 'wrong-v1',
        url: s.url,
        apiVersion: 'v1',
        username: 'u',
        password: 'wrong-pw',
      });
      r = await testAirflowConnection(deps(), { name: 'wrong-v1' }).finally(() => close(s.server));
    }
    expect(r).toEqual({
      name: `wrong-${v}`,
      url: expect.any(String),
      apiVersion: v,
      ok: false,
      reason: `Airflow connection "wrong-${v}": credentials refused (HTTP 401${v === 'v2' ? ' on POST /auth/token' : ''})`,
    });
    expect(JSON.stringify(r)).not.toContain('wrong-pw');
  });

  it('not an Airflow API there, or unreachable: the reason; an unknown name is NOT_FOUND', async () => {
    const s = await stub(200, '{"hello":"not airflow"}');
    try {
      await saveAirflowConnection(deps(), { name: `web-${v}`, url: s.url, apiVersion: v, username: 'u', password: 'p' });
      // v2 first asks the stub for a token: its answer has no access_token.
      expect(await testAirflowConnection(deps(), { name: `web-${v}` })).toMatchObject({
        ok: false,
        reason: v === 'v1' ? expect.stringMatching(/not an Airflow DAG list/) : expect.stringMatching(/no access_token/),
      });
    } finally {
      await close(s.server);
    }
    await saveAirflowConnection(deps(), {
      name: `gone-${v}`,
      url: s.url,
      apiVersion: v,
      username: 'u',
      password: 'p',
      timeoutMs: 500,
    });
    expect(await testAirflowConnection(deps(), { name: `gone-${v}` })).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/unreachable/),
    });
    expect(await refusal(() => testAirflowConnection(deps(), { name: 'nowhere' }))).toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('the admin CLI', () => {
  const root = path.resolve(import.meta.dirname, '../..');
  const cli = (args: string[], input = '') =>
    spawnSync(process.execPath, ['--import', 'tsx', 'scripts/cli.ts', 'airflow', ...args], {
      cwd: root,
      input,
      encoding: 'utf8',
      // The child is a CLI of its own: it reads its environment, with this test's database.
      // eslint-disable-next-line no-restricted-properties
      env: { ...process.env, DATABASE_URL: t.url, AIRFLOW_CONNECTIONS: '{}' },
      timeout: 60_000,
    });

  it('add (password from stdin), list --json, test, remove; the password is never printed', () => {
    const add = cli(
      [
        'add',
        'cli-conn',
        '--url',
        'http://127.0.0.1:9',
        '--api-version',
        'v1',
        '--username',
        'ops',
        '--password-stdin',
        '--timeout-ms',
        '500',
      ],
      `${PASSWORD}\n`,
    );
    expect(add.status, add.stderr).toBe(0);
    expect(add.stdout).toMatch(/Airflow connection cli-conn added/);
    const list = cli(['list', '--json']);
    expect(list.status, list.stderr).toBe(0);
    expect(JSON.parse(list.stdout)).toContainEqual(
      expect.objectContaining({ name: 'cli-conn', url: 'http://127.0.0.1:9', source: 'table' }),
    );
    const test = cli(['test', 'cli-conn']);
    expect(test.status).toBe(1);
    expect(test.stdout).toMatch(/^FAILED: cli-conn: Airflow \(cli-conn\) unreachable/);
    const remove = cli(['remove', 'cli-conn']);
    expect(remove.status, remove.stderr).toBe(0);
    for (const r of [add, list, test, remove]) expect(r.stdout + r.stderr).not.toContain(PASSWORD);
  }, 120_000);

  it('invalid input: exit 2, a clear error, nothing written; a password in argv is refused', async () => {
    const before = (await rows()).length;
    const badUrl = cli(['add', 'x', '--url', 'ftp://a', '--api-version', 'v1', '--username', 'u', '--password-stdin'], 'pw');
    expect({ status: badUrl.status, stderr: badUrl.stderr }).toMatchObject({
      status: 2,
      stderr: expect.stringMatching(/^error: url: /),
    });
    const noStdin = cli(['add', 'x', '--url', 'http://a.example', '--api-version', 'v1', '--username', 'u']);
    expect({ status: noStdin.status, stderr: noStdin.stderr }).toMatchObject({
      status: 2,
      stderr: expect.stringMatching(/--password-stdin/),
    });
    const argv = cli([
      'add',
      'x',
      '--url',
      'http://a.example',
      '--api-version',
      'v1',
      '--username',
      'u',
      `--password=${PASSWORD}`,
    ]);
    expect(argv.status).toBe(2);
    expect(argv.stderr).toMatch(/never taken from the command line/);
    expect(argv.stdout + argv.stderr).not.toContain(PASSWORD);
    expect((await rows()).length).toBe(before);
  }, 120_000);
});

describe('audit', () => {
  it('records additions, replacements and removals, never the password', async () => {
    const conn = {
      name: 'audited',
      url: 'http://airflow-audit.example',
      apiVersion: 'v1' as const,
      username: 'ops',
      password: PASSWORD,
    };
    await saveAirflowConnection({ ...deps(), actor: { type: 'user', id: 'admin-1' } }, conn);
    await saveAirflowConnection(deps(), { ...conn, username: 'ops2' });
    await removeAirflowConnection(deps(), { name: 'audited' });
    const audit = await t.db.execute<{ action: string; actor_id: string; details: unknown }>(
      sql`select action, actor_id, details from audit_log where target_type = 'airflow_connection' and target_id = 'audited' order by id`,
    );
    expect(audit.map((a) => [a.action, a.actor_id])).toEqual([
      ['airflow_connection.created', 'admin-1'],
      ['airflow_connection.replaced', 'cli'],
      ['airflow_connection.removed', 'cli'],
    ]);
    expect(JSON.stringify(audit)).not.toContain(PASSWORD);
  });
});
