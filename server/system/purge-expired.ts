import { lt, sql } from 'drizzle-orm';
import type { DbOrTx } from '~/db/client';
import { logs, revokedTokens, usedAssertions } from '~/db/schema';

export type PurgeResult = { revokedTokens: number; usedAssertions: number; logs: number };

/**
 * Deletes rows that no longer protect or tell anything: revoked-token and used-assertion records past their expiry
 * (the tokens are refused by their `exp` anyway) and log records older than the retention period.
 */
export async function purgeExpired(db: DbOrTx, opts: { now: Date; logRetentionDays: number }): Promise<PurgeResult> {
  const logCutoff = new Date(opts.now.getTime() - opts.logRetentionDays * 86_400_000);
  const [a, b, c] = await Promise.all([
    db
      .delete(revokedTokens)
      .where(lt(revokedTokens.expiresAt, opts.now))
      .returning({ x: sql`1` }),
    db
      .delete(usedAssertions)
      .where(lt(usedAssertions.expiresAt, opts.now))
      .returning({ x: sql`1` }),
    db
      .delete(logs)
      .where(lt(logs.at, logCutoff))
      .returning({ x: sql`1` }),
  ]);
  return { revokedTokens: a.length, usedAssertions: b.length, logs: c.length };
}
