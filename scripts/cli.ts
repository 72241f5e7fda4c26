/**
 * Admin CLI for what an installation needs before anyone uses the console, or for scripts:
 *   npm run -s cli -- clients create --name NAME --scopes "get_product user" [--customer-email E] [--json]
 *   npm run -s cli -- clients list [--json]
 *   npm run -s cli -- clients disable CLIENT_ID | clients enable CLIENT_ID
 *   npm run -s cli -- clients rotate-secret CLIENT_ID [--json]
 *   npm run -s cli -- clients set-scopes CLIENT_ID --scopes "get_product user"
 *   npm run -s cli -- clients add-key CLIENT_ID --jwk '{"kty":"EC",…}' | --jwk-file key.json
 *   npm run -s cli -- clients remove-key CLIENT_ID --kid KID
 *   npm run -s cli -- clients revoke-tokens CLIENT_ID
 *   npm run -s cli -- users create --email E --role admin|operator|viewer [--name N] [--json]
 *   npm run -s cli -- users set-role --email E --role R | users disable --email E | users reset-password --email E
 *   npm run -s cli -- keys rotate | keys list
 *   printf '%s' "$PW" | npm run -s cli -- airflow add NAME --url URL --api-version v1|v2 --username U --password-stdin
 *                                          [--timeout-ms N]
 *   npm run -s cli -- airflow list [--json] | airflow remove NAME | airflow test NAME [--json]
 * With --json, stdout carries only the JSON result; messages go to stderr. Secrets are printed once, here. Airflow
 * passwords are read from stdin only (never argv) and never printed. Exit codes: 0 done, 1 failed (`airflow test`:
 * the connection does not work), 2 invalid usage or input (nothing written).
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { desc } from 'drizzle-orm';
import { closeDb, getDb } from '~/db/client';
import { signingKeys } from '~/db/schema';
import { rotateSigningKey } from '~/server/auth/rotate-signing-key';
import { parseScope } from '~/server/auth/scopes';
import { addClientKey } from '~/server/clients/add-client-key';
import type { Actor } from '~/server/clients/audit-actor';
import { createClient } from '~/server/clients/create-client';
import { getClientViews } from '~/server/clients/get-client';
import { removeClientKey } from '~/server/clients/remove-client-key';
import { revokeClientTokens } from '~/server/clients/revoke-client-tokens';
import { rotateClientSecret } from '~/server/clients/rotate-client-secret';
import { setClientDisabled } from '~/server/clients/set-client-disabled';
import { setClientScopes } from '~/server/clients/set-client-scopes';
import { listAirflowConnections } from '~/server/airflow/list-connections';
import { removeAirflowConnection } from '~/server/airflow/remove-connection';
import { saveAirflowConnection } from '~/server/airflow/save-connection';
import { testAirflowConnection } from '~/server/airflow/test-connection';
import { env } from '~/server/env.js';
import { isAppError } from '~/server/errors';
import { createUser } from '~/server/users/create-user';
import { findUser } from '~/server/users/list-users';
import { role } from '~/server/users/schemas';
import { resetUserPassword, setUserDisabled, setUserRole } from '~/server/users/update-user';
import { ZodError } from 'zod';

// A password on the command line is visible to every user of the machine (ps, shell history): refused outright.
if (process.argv.some((a) => a === '--password' || a.startsWith('--password='))) {
  process.stderr.write('error: passwords are never taken from the command line; pipe it with --password-stdin\n');
  process.exit(2);
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    name: { type: 'string' },
    scopes: { type: 'string' },
    email: { type: 'string' },
    'customer-email': { type: 'string' },
    role: { type: 'string' },
    jwk: { type: 'string' },
    'jwk-file': { type: 'string' },
    kid: { type: 'string' },
    url: { type: 'string' },
    'api-version': { type: 'string' },
    username: { type: 'string' },
    'password-stdin': { type: 'boolean', default: false },
    'timeout-ms': { type: 'string' },
    json: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

const actor: Actor = { type: 'system', id: `cli:${process.env.USER ?? 'unknown'}` };
const out = (json: unknown, human: string) => process.stdout.write(values.json ? `${JSON.stringify(json)}\n` : `${human}\n`);
const need = (v: string | undefined, what: string) => {
  if (!v) throw new UsageError(`missing ${what}`);
  return v;
};
class UsageError extends Error {}
/** Invalid input to an operation (its zod check) is a usage error: exit 2, nothing written. */
const asUsage = <T>(p: Promise<T>) =>
  p.catch((e: unknown) => {
    throw isAppError(e) && e.code === 'VALIDATION' ? new UsageError(e.detail) : e;
  });
/** The whole of stdin, without its final newline (`printf '%s'` or `echo` both work). */
async function readPassword() {
  if (process.stdin.isTTY)
    process.stderr.write('reading the Airflow password from stdin (it is echoed: better pipe it); end with Ctrl-D\n');
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(Buffer.from(c as Buffer));
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}
let failed = false;

async function main() {
  const [area, command, arg] = positionals;
  if (values.help || !area) {
    process.stderr.write(
      fs
        .readFileSync(new URL(import.meta.url), 'utf8')
        .split('*/')[0]!
        .replace(/^\/\*\*?|^ \* ?/gm, ''),
    );
    return;
  }
  const db = await getDb();
  switch (`${area} ${command}`) {
    case 'clients create': {
      const customerEmail = values['customer-email'];
      const name = need(values.name, '--name');
      const { client, clientSecret } = await createClient(
        db,
        {
          name,
          scopes: parseScope(need(values.scopes, '--scopes')),
          customer: { name, ...(customerEmail ? { email: customerEmail } : {}) },
        },
        actor,
      );
      out(
        { client_id: client.clientId, client_secret: clientSecret },
        `client_id:     ${client.clientId}\nclient_secret: ${clientSecret}\n(the secret is shown only now)`,
      );
      break;
    }
    case 'clients list': {
      const clients = await getClientViews(db);
      out(
        clients,
        clients.map((c) => `${c.clientId}  ${c.disabled ? 'DISABLED ' : ''}${c.name}  [${c.scopes.join(' ')}]`).join('\n') ||
          '(no clients)',
      );
      break;
    }
    case 'clients disable':
    case 'clients enable':
      await setClientDisabled(db, { clientId: need(arg, 'CLIENT_ID'), disabled: command === 'disable' }, actor);
      out({ client_id: arg, disabled: command === 'disable' }, `client ${arg} ${command}d`);
      break;
    case 'clients rotate-secret': {
      const r = await rotateClientSecret(
        db,
        { clientId: need(arg, 'CLIENT_ID'), overlapHours: env.CLIENT_SECRET_OVERLAP_HOURS },
        actor,
      );
      out(
        { client_id: arg, client_secret: r.clientSecret, previous_secrets_expire_at: r.previousExpireAt.toISOString() },
        `client_secret: ${r.clientSecret}\n(the old secret keeps working until ${r.previousExpireAt.toISOString()})`,
      );
      break;
    }
    case 'clients set-scopes': {
      const scopes = await setClientScopes(
        db,
        { clientId: need(arg, 'CLIENT_ID'), scopes: parseScope(need(values.scopes, '--scopes')) },
        actor,
      );
      out({ client_id: arg, scopes }, `client ${arg}: ${scopes.join(' ')}`);
      break;
    }
    case 'clients add-key': {
      const text = values['jwk-file'] ? fs.readFileSync(values['jwk-file'], 'utf8') : need(values.jwk, '--jwk or --jwk-file');
      let jwk: unknown;
      try {
        jwk = JSON.parse(text);
      } catch {
        throw new UsageError('the JWK is not valid JSON');
      }
      const { kid } = await addClientKey(db, { clientId: need(arg, 'CLIENT_ID'), jwk }, actor);
      out({ client_id: arg, kid }, `key ${kid} registered for ${arg}`);
      break;
    }
    case 'clients remove-key':
      await removeClientKey(db, { clientId: need(arg, 'CLIENT_ID'), kid: need(values.kid, '--kid') }, actor);
      out({ client_id: arg, kid: values.kid, removed: true }, `key ${values.kid} removed`);
      break;
    case 'clients revoke-tokens': {
      const r = await revokeClientTokens(
        db,
        { clientId: need(arg, 'CLIENT_ID'), tokenTtlSeconds: env.ACCESS_TOKEN_TTL_SECONDS },
        actor,
      );
      out({ client_id: arg, ...r }, `${r.revoked} live token(s) of ${arg} revoked`);
      break;
    }
    case 'users create': {
      const { user, password } = await createUser(
        db,
        { email: need(values.email, '--email'), role: need(values.role, '--role'), name: values.name },
        actor,
      );
      out(
        { id: user.id, email: user.email, role: user.role, password },
        `user ${user.email} (${user.role}) created\npassword: ${password}\n(shown only now; to be changed at first sign-in)`,
      );
      break;
    }
    case 'users set-role': {
      const u = await findUser(db, { email: need(values.email, '--email') });
      const r = role.parse(values.role);
      const v = await setUserRole(db, { userId: u.id, role: r }, actor);
      out(v, `${v.email} is now ${v.role}`);
      break;
    }
    case 'users disable':
    case 'users enable': {
      const u = await findUser(db, { email: need(values.email, '--email') });
      const v = await setUserDisabled(db, { userId: u.id, disabled: command === 'disable' }, actor);
      out(v, `${v.email} ${command}d`);
      break;
    }
    case 'users reset-password': {
      const u = await findUser(db, { email: need(values.email, '--email') });
      const { password } = await resetUserPassword(db, { userId: u.id }, actor);
      out({ email: u.email, password }, `new password for ${u.email}: ${password}\n(shown only now)`);
      break;
    }
    case 'keys rotate': {
      const r = await rotateSigningKey(db, {
        encryptionKey: env.KEY_ENCRYPTION_KEY,
        tokenTtlSeconds: env.ACCESS_TOKEN_TTL_SECONDS,
      });
      out(
        r,
        `new signing key ${r.kid}${r.retired.length ? `; retired ${r.retired.join(', ')} (published until its tokens expire)` : ''}`,
      );
      break;
    }
    case 'keys list': {
      const keys = await db
        .select({
          kid: signingKeys.kid,
          alg: signingKeys.alg,
          createdAt: signingKeys.createdAt,
          retiredAt: signingKeys.retiredAt,
          publishedUntil: signingKeys.publishedUntil,
        })
        .from(signingKeys)
        .orderBy(desc(signingKeys.createdAt));
      out(
        keys,
        keys.map((k) => `${k.kid} ${k.alg} ${k.retiredAt ? `retired ${k.retiredAt.toISOString()}` : 'ACTIVE'}`).join('\n') ||
          '(no keys yet)',
      );
      break;
    }
    case 'airflow add': {
      if (!values['password-stdin']) throw new UsageError('missing --password-stdin (the password is read from stdin)');
      const timeout = values['timeout-ms'];
      if (timeout !== undefined && !/^\d+$/.test(timeout)) throw new UsageError('--timeout-ms: a whole number of milliseconds');
      const input = {
        name: need(arg, 'NAME'),
        url: need(values.url, '--url'),
        apiVersion: need(values['api-version'], '--api-version') as 'v1' | 'v2',
        username: need(values.username, '--username'),
        ...(timeout === undefined ? {} : { timeoutMs: Number(timeout) }),
      };
      const r = await asUsage(
        saveAirflowConnection({ db, encryptionKey: env.KEY_ENCRYPTION_KEY }, { ...input, password: await readPassword() }),
      );
      out(
        { name: r.name, created: r.created },
        `Airflow connection ${r.name} ${r.created ? 'added' : 'replaced'} (check it: airflow test ${r.name})`,
      );
      break;
    }
    case 'airflow list': {
      const list = await listAirflowConnections({ db, envConnections: env.AIRFLOW_CONNECTIONS });
      out(
        list,
        list
          .map(
            (c) =>
              `${c.name}  ${c.apiVersion}  ${c.url}  user ${c.username}  timeout ${c.timeoutMs} ms  [${c.source === 'table' ? 'table' : 'AIRFLOW_CONNECTIONS'}${c.active ? '' : ', shadowed by the table'}]`,
          )
          .join('\n') || '(no Airflow connections)',
      );
      break;
    }
    case 'airflow remove': {
      const r = await asUsage(
        removeAirflowConnection({ db, envConnections: env.AIRFLOW_CONNECTIONS }, { name: need(arg, 'NAME') }),
      );
      out(
        r,
        `Airflow connection ${r.name} removed${r.envStillDefines ? ' from the table; AIRFLOW_CONNECTIONS still defines it' : ''}`,
      );
      break;
    }
    case 'airflow test': {
      const r = await asUsage(
        testAirflowConnection(
          { db, encryptionKey: env.KEY_ENCRYPTION_KEY, envConnections: env.AIRFLOW_CONNECTIONS },
          { name: need(arg, 'NAME') },
        ),
      );
      failed = !r.ok;
      out(r, r.ok ? `OK: ${r.name} (${r.url}, ${r.apiVersion}): ${r.dags} DAG(s) visible` : `FAILED: ${r.name}: ${r.reason}`);
      break;
    }
    default:
      throw new UsageError(`unknown command "${positionals.join(' ')}" (see --help)`);
  }
}

try {
  await main();
  process.exitCode = failed ? 1 : 0;
} catch (e) {
  const msg =
    e instanceof UsageError
      ? e.message
      : isAppError(e)
        ? e.detail
        : e instanceof ZodError
          ? e.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')
          : String(e);
  process.stderr.write(`error: ${msg}\n`);
  process.exitCode = e instanceof UsageError ? 2 : 1;
} finally {
  await closeDb();
}
