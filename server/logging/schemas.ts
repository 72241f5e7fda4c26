import { z } from 'zod';

/** A log record as sent to the log sink (web, worker and DAG tasks). */
export const logRecordInput = z.object({
  level: z.enum(['DEBUG', 'INFO', 'WARNING', 'ERROR']),
  service: z.string().min(1).max(64),
  orderId: z.uuid().optional(),
  message: z.string().min(1).max(65_536),
  context: z.record(z.string(), z.unknown()).optional(),
  /** When it happened (ISO 8601); the sink uses its own clock when absent. */
  at: z.iso.datetime({ offset: true }).optional(),
});
export type LogRecordInput = z.infer<typeof logRecordInput>;
