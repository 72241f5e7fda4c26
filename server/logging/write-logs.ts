import type { DbOrTx } from '~/db/client';
import { logs } from '~/db/schema';
import { redact } from './logger';
import type { LogRecordInput } from './schemas';

/** Inserts log records into the logs table (the log sink's one operation); secret-looking context is redacted. */
export async function writeLogs(db: DbOrTx, records: LogRecordInput[]): Promise<number> {
  if (records.length === 0) return 0;
  await db.insert(logs).values(
    records.map((r) => ({
      level: r.level,
      service: r.service,
      orderId: r.orderId ?? null,
      message: r.message,
      context: r.context ? (redact(r.context) as Record<string, unknown>) : null,
      ...(r.at ? { at: new Date(r.at) } : {}),
    })),
  );
  return records.length;
}
