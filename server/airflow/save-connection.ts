/** Creates or replaces an admin-configured Airflow connection; the password is sealed before it reaches the database. */
import { z } from 'zod';
import type { Database } from '~/db/client';
import { airflowConnections } from '~/db/schema';
import { seal } from '../auth/secret-box';

export const saveAirflowConnectionInput = z
  .object({
    name: z.string().regex(/^[a-z][a-z0-9_-]{0,63}$/),
    url: z.string().url(),
    apiVersion: z.enum(['v1', 'v2']),
    username: z.string().min(1).max(256),
    password: z.string().min(1).max(1024),
    timeoutMs: z.number().int().min(100).max(120_000).default(10_000),
  })
  .strict();
export type SaveAirflowConnectionInput = z.input<typeof saveAirflowConnectionInput>;

export async function saveAirflowConnection(deps: { db: Database; encryptionKey: string }, raw: SaveAirflowConnectionInput) {
  const { password, ...c } = saveAirflowConnectionInput.parse(raw);
  const values = { ...c, passwordSealed: seal(password, deps.encryptionKey) };
  await deps.db
    .insert(airflowConnections)
    .values(values)
    .onConflictDoUpdate({ target: airflowConnections.name, set: { ...values, updatedAt: new Date() } });
  return { name: c.name };
}
