/**
 * Idempotent seed: reference data is upserted (code owns it), the first admin is created only when no admin exists.
 */
import { eq, sql } from 'drizzle-orm';
import { generatePassword, hashPassword } from '../../server/auth/password';
import type { Database } from '../client';
import { CONSOLE_CLIENT_ID, ROLE_SCOPES } from '../../server/auth/console-client';
import { apiClients, apiClientScopes, customers, manualTaskTypes, nations, scopes, services, users } from '../schema';
import { DAGS } from '../../dags';
import { CATALOGUE } from '../../server/services/catalogue';
import { parameterSchemaOf } from '../../server/services/parameter-schema';
import { MANUAL_TASK_TYPES, NATIONS, SCOPES } from './reference-data';

export type SeedResult = {
  scopes: number;
  services: number;
  nations: number;
  manualTaskTypes: number;
  /** Set when an admin was created or its password reset: the only time the password is visible. */
  admin: { email: string; password: string; created: boolean } | null;
};

export async function seedDatabase(
  db: Database,
  opts: { adminEmail: string; resetAdminPassword?: boolean },
): Promise<SeedResult> {
  return db.transaction(async (tx) => {
    await tx
      .insert(scopes)
      .values(SCOPES)
      .onConflictDoUpdate({ target: scopes.name, set: { description: sql`excluded.description` } });
    const adminKept = (column: string) =>
      sql.raw(`case when '${column}' = any(services.admin_set) then services.${column} else excluded.${column} end`);
    // The services table mirrors the catalogue (server/services/catalogue.ts); embedded DAGs give their version.
    const rows = CATALOGUE.map((svc) => ({
      name: svc.name,
      title: svc.title,
      description: svc.description,
      engine: svc.engine.kind,
      dagId: svc.engine.dagId,
      dagVersion: (svc.engine.kind === 'embedded' ? DAGS[svc.engine.dagId]?.version : undefined) ?? svc.version,
      parameterSchema: parameterSchemaOf(svc),
      scopes: svc.scopes,
      unitKind: svc.unit,
      airflowConnection: svc.engine.kind === 'airflow' ? (svc.engine.connection ?? null) : null,
      visible: svc.visible,
    }));
    await tx
      .insert(services)
      .values(rows)
      .onConflictDoUpdate({
        target: services.name,
        set: {
          title: sql`excluded.title`,
          engine: sql`excluded.engine`,
          unitKind: sql`excluded.unit_kind`,
          parameterSchema: sql`excluded.parameter_schema`,
          dagVersion: sql`excluded.dag_version`,
          // What an administrator changed (PATCH /v1/services/{name}) survives a new release's sync.
          description: adminKept('description'),
          dagId: adminKept('dag_id'),
          scopes: adminKept('scopes'),
          airflowConnection: adminKept('airflow_connection'),
          visible: adminKept('visible'),
          // A code service takes over a name an administrator had used (the code defines its parameters).
          origin: sql`'code'`,
          deletedAt: sql`case when ${services.origin} = 'admin' then null else ${services.deletedAt} end`,
        },
      });
    await tx
      .insert(nations)
      .values(NATIONS)
      .onConflictDoUpdate({
        target: nations.name,
        set: { isoCode: sql`excluded.iso_code`, fileCode: sql`excluded.file_code`, epsg: sql`excluded.epsg` },
      });
    await tx.insert(manualTaskTypes).values(MANUAL_TASK_TYPES).onConflictDoNothing({ target: manualTaskTypes.name });

    // The built-in client that stands for console users on the legacy login (no secret, no key).
    const [console_] = await tx.select({ id: apiClients.id }).from(apiClients).where(eq(apiClients.clientId, CONSOLE_CLIENT_ID));
    if (!console_) {
      const [customer] = await tx
        .insert(customers)
        .values({ name: 'CLC+ Backbone console users' })
        .returning({ id: customers.id });
      const [client] = await tx
        .insert(apiClients)
        .values({ clientId: CONSOLE_CLIENT_ID, customerId: customer!.id, name: 'Console users (legacy login)' })
        .returning({ id: apiClients.id });
      await tx.insert(apiClientScopes).values(ROLE_SCOPES.admin.map((scope) => ({ apiClientId: client!.id, scope })));
    }

    let admin: SeedResult['admin'] = null;
    const [existing] = await tx.select({ id: users.id, email: users.email }).from(users).where(eq(users.role, 'admin')).limit(1);
    if (!existing) {
      const password = generatePassword();
      await tx.insert(users).values({
        email: opts.adminEmail,
        name: 'Administrator',
        role: 'admin',
        passwordHash: await hashPassword(password),
        mustChangePassword: new Date(),
      });
      admin = { email: opts.adminEmail, password, created: true };
    } else if (opts.resetAdminPassword) {
      const password = generatePassword();
      await tx
        .update(users)
        .set({ passwordHash: await hashPassword(password), mustChangePassword: new Date() })
        .where(eq(users.id, existing.id));
      admin = { email: existing.email, password, created: false };
    }
    return {
      scopes: SCOPES.length,
      services: CATALOGUE.length,
      nations: NATIONS.length,
      manualTaskTypes: MANUAL_TASK_TYPES.length,
      admin,
    };
  });
}
