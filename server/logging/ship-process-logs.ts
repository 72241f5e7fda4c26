/**
 * Sends a process's own structured logs (web or worker) at or above LOG_SINK_LEVEL to the logs table through a log
 * shipper: component → service, `orderId` of the context → the record's order, the rest as context. Records of the
 * log sink's own jobs are not shipped (they would feed themselves).
 */
import { z } from 'zod';
import type { Database } from '~/db/client';
import type { Enqueue } from '../queue/enqueue';
import { setLogSink } from './logger';
import { createLogShipper, type LogShipper } from './log-shipper';
import type { LogRecordInput } from './schemas';
import { writeLogs } from './write-logs';

const LEVELS = { debug: 'DEBUG', info: 'INFO', warn: 'WARNING', error: 'ERROR' } as const;
const uuid = z.uuid();

export function shipProcessLogs(deps: { db: Database; enqueue: Enqueue }, minLevel: keyof typeof LEVELS): LogShipper {
  const shipper = createLogShipper({ enqueue: deps.enqueue, writeDirect: (records) => writeLogs(deps.db, records) });
  setLogSink(({ level, component, message, context }) => {
    if (context.job === 'logs.write' || context.queue === 'logs') return;
    const { orderId, ...rest } = context;
    const record: LogRecordInput = {
      level: LEVELS[level],
      service: component.slice(0, 64),
      message: message.slice(0, 65_536) || '(empty)',
      at: new Date().toISOString(),
      ...(typeof orderId === 'string' && uuid.safeParse(orderId).success ? { orderId } : {}),
      ...(Object.keys(rest).length ? { context: rest } : {}),
    };
    shipper.push(record);
  }, minLevel);
  return shipper;
}
