/** The thin REST layer of the logs (reference L1–L3, and the list): posting needs admin or user, reading any token. */
import type { LogRecordInput } from '../logging/schemas';
import { listLogs, listLogsQuery } from '../logging/list-logs';
import { postLog, postLogBody } from '../logging/post-log';
import { viewerOf } from './order-routes';
import { jsonBody, queryParams } from './request';
import type { ApiHandlerArgs } from './with-api-client';

export const LOG_POST_SCOPES = ['admin', 'user'];

export const postLogRoute = (level: LogRecordInput['level']) =>
  async function ({ deps, caller, req }: ApiHandlerArgs) {
    await postLog(
      { db: deps.db, enqueue: deps.queues.enqueue },
      { ...viewerOf(caller), clientId: caller.clientId },
      level,
      await jsonBody(req, postLogBody),
    );
    return new Response(null, { status: 204 });
  };

export const listLogsRoute = async ({ deps, caller, req }: ApiHandlerArgs) =>
  Response.json(await listLogs(deps.db, viewerOf(caller), queryParams(req, listLogsQuery)), {
    headers: { 'cache-control': 'no-store' },
  });
