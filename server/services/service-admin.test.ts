/**
 * The catalogue's admin writes (create-service.ts, update-service.ts, delete-service.ts) against a real database:
 * an administrator's Airflow service is validated by its JSON Schema when started and runs per unit; code-defined
 * services change only where an administrator may, keep those changes across a seed (a new release) and go back with
 * null; bad input is refused naming the field and changes nothing; every change is audited.
 */
import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { services } from '~/db/schema';
import { seedDatabase } from '~/db/seed/seed-database';
import type { Caller } from '~/server/auth/verify-access-token';
import { createClient } from '~/server/clients/create-client';
import { AppError } from '~/server/errors';
import { createQueues, type Queues } from '~/server/queue/enqueue';
import { loadUnits } from '~/server/storage/load-units';
import { useTestDatabase } from '~/test/db';
import { useTestRedis } from '~/test/redis';
import { createService } from './create-service';
import { deleteService } from './delete-service';
import { createServiceBody, updateServiceBody } from './service-admin-body';
import { startService } from './start-service';
import { updateService } from './update-service';

const t = useTestDatabase();
const r = useTestRedis();
let queues: Queues;
let caller: Caller;
const admin = { type: 'client' as const, id: 'admin-client' };
const adminDeps = () => ({
  db: t.db,
  envConnections: {
    default: { url: 'http://af.test', apiVersion: 'v1' as const, username: 'u', password: 'p', timeoutMs: 1000 },
  },
});

const create = (body: unknown) => createService(adminDeps(), admin, createServiceBody.parse(body));
const update = (name: string, body: unknown) => updateService(adminDeps(), admin, name, updateServiceBody.parse(body));
const start = (service: string, body: unknown) =>
  startService(
    { db: t.db, redis: r.redis, queuePrefix: r.prefix, queues, airflowConnectionReady: async () => true },
    { maxOpenPerClient: 50 },
    { service, caller, body },
  );
const refusal = async (p: Promise<unknown>) => {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(AppError);
  return e as AppError;
};
const row = async (name: string) => (await t.db.select().from(services).where(eq(services.name, name)))[0];

const changeDetection = {
  type: 'object',
  properties: {
    year: { type: 'integer', minimum: 2018, maximum: 2030 },
    mode: { enum: ['fast', 'full'] },
  },
  required: ['year'],
  additionalProperties: false,
};

beforeAll(async () => {
  await seedDatabase(t.db, { adminEmail: 'a@example.org' });
  await loadUnits(t.db, { minX: 4_760_000, minY: 2_780_000, maxX: 4_780_000, maxY: 2_800_000 });
  queues = createQueues(r.redis, r.prefix);
  const { client } = await createClient(t.db, { name: 'admin', scopes: ['admin'] }, { type: 'system', id: 'test' });
  caller = {
    clientId: client.clientId,
    apiClientId: client.id,
    customerId: client.customerId,
    scopes: ['admin'],
    jti: 'x',
    subject: client.clientId,
    issuer: 'http://issuer.test',
    expiresAt: new Date(Date.now() + 3_600_000),
  };
});

describe('an administrator’s Airflow service', () => {
  it('is created with its JSON Schema, its own scope, and validated by that schema when started, one order per unit', async () => {
    const view = await create({
      name: 'change_detection',
      title: 'Change detection',
      dag_id: 'change_detection_v2',
      scopes: ['change_detection'],
      unit: 'production_unit',
      parameters: changeDetection,
    });
    expect(view).toMatchObject({
      service_name: 'change_detection',
      engine: 'airflow',
      dag_id: 'change_detection_v2',
      defined_in: 'admin',
    });
    expect(view.parameters).toMatchObject({ required: ['year', 'processing_unit_name'] });
    expect((await t.db.execute(sql`select name from scopes where name = 'change_detection'`)).length).toBe(1);

    const bad = await refusal(start('change_detection', { processing_unit_name: '10kmE476N278', year: 1999, colour: 'red' }));
    expect(bad.status).toBe(400);
    expect(bad.detail).toMatch(/colour: not a parameter of this service/);
    expect(bad.detail).toMatch(/year: must be >= 2018/);
    const started = await start('change_detection', {
      processing_unit_name: '10kmE476N278,10kmE477N278',
      year: 2021,
      mode: 'fast',
    });
    expect(started.orders).toHaveLength(2);
  });

  it('refuses bad definitions naming the field, and writes nothing', async () => {
    const before = (await t.db.select().from(services)).length;
    expect(
      (await refusal(create({ name: 'x_bad', dag_id: 'd', parameters: { type: 'object', properties: { a: { type: 'nope' } } } })))
        .detail,
    ).toMatch(/^parameters: not a valid JSON Schema/);
    expect((await refusal(create({ name: 'x_bad', dag_id: 'd', parameters: { type: 'array' } }))).detail).toMatch(
      /^parameters: a JSON Schema of an object/,
    );
    expect((await refusal(create({ name: 'x_bad', dag_id: 'd', scopes: ['nobody_has_this'] }))).detail).toMatch(
      /^scopes: unknown scope\(s\): nobody_has_this \(use existing scopes, or the service's own name/,
    );
    const conn = await refusal(create({ name: 'x_bad', dag_id: 'd', airflow_connection: 'missing' }));
    expect([conn.status, conn.detail]).toEqual([
      422,
      expect.stringMatching(/^airflow_connection: no Airflow connection "missing"/),
    ]);
    expect((await refusal(create({ name: 'harmonics', dag_id: 'd' }))).status).toBe(409);
    expect((await refusal(create({ name: 'change_detection', dag_id: 'd' }))).status).toBe(409);
    expect(createServiceBody.safeParse({ name: 'X-bad', dag_id: 'd d' }).success).toBe(false);
    expect((await t.db.select().from(services)).length).toBe(before);
  });

  it('changes any field, is deleted softly (no longer startable), and can be created again', async () => {
    await update('change_detection', { visible: false, parameters: { ...changeDetection, required: [] } });
    expect(await row('change_detection')).toMatchObject({ visible: false });
    expect((await refusal(update('change_detection', { dag_id: null }))).detail).toMatch(/^dag_id: null puts a code-defined/);
    await deleteService(t.db, admin, { name: 'change_detection' });
    expect((await refusal(start('change_detection', { processing_unit_name: '10kmE476N278', year: 2021 }))).status).toBe(404);
    expect((await refusal(deleteService(t.db, admin, { name: 'change_detection' }))).status).toBe(404);
    const again = await create({ name: 'change_detection', dag_id: 'cd3' });
    expect(again).toMatchObject({ dag_id: 'cd3', unit: 'none', visible: true });
    const audit = await t.db.execute<{ action: string }>(
      sql`select action from audit_log where target_type = 'service' and target_id = 'change_detection' order by id`,
    );
    expect(audit.map((a) => a.action)).toEqual(['service.created', 'service.updated', 'service.deleted', 'service.created']);
  });
});

describe('a code-defined service', () => {
  it('Airflow: DAG, connection, scopes, visibility and description change, survive a new seed, and go back with null', async () => {
    await update('harmonics', { dag_id: 'harmonics_v9', scopes: ['harmonics', 'gaf'], visible: false });
    await seedDatabase(t.db, { adminEmail: 'a@example.org' }); // a new release's sync
    expect(await row('harmonics')).toMatchObject({
      dagId: 'harmonics_v9',
      scopes: ['harmonics', 'gaf'],
      visible: false,
      adminSet: ['dag_id', 'scopes', 'visible'],
    });
    const back = await update('harmonics', { dag_id: null, visible: null });
    expect(back).toMatchObject({ dag_id: 'harmonics', visible: true, customized: ['scopes'] });
    await seedDatabase(t.db, { adminEmail: 'a@example.org' });
    expect(await row('harmonics')).toMatchObject({ dagId: 'harmonics', scopes: ['harmonics', 'gaf'] });
  });

  it('embedded: only visibility; parameters never; never deleted', async () => {
    const e = await refusal(update('vector_class_attribution', { dag_id: 'other' }));
    expect([e.status, e.reason]).toEqual([400, 'DEFINED_IN_CODE']);
    expect(e.detail).toMatch(
      /^dag_id: vector_class_attribution is an embedded service defined in code; an administrator may change only visible/,
    );
    expect((await refusal(update('harmonics', { parameters: { type: 'object' } }))).detail).toMatch(
      /^parameters: harmonics is an Airflow service defined in code/,
    );
    await update('vector_class_attribution', { visible: false });
    expect(await row('vector_class_attribution')).toMatchObject({ visible: false, adminSet: ['visible'] });
    const d = await refusal(deleteService(t.db, admin, { name: 'harmonics' }));
    expect([d.status, d.reason]).toEqual([409, 'DEFINED_IN_CODE']);
    expect((await refusal(update('no_such_service', { visible: true }))).status).toBe(404);
    expect(updateServiceBody.safeParse({}).success).toBe(false);
  });
});
