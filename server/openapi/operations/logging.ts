/** Log records: posting (reference L1–L3) and reading them (admins: all; others: their order's). */
import { z } from 'zod';
import { LOG_POST_SCOPES } from '../../http/logging-routes';
import { listLogsQuery } from '../../logging/list-logs';
import { postLogBody } from '../../logging/post-log';
import { bearer, defineOperations, type OperationSpec } from '../define-operation';
import { instant, uuid } from '../shared';

const post = (level: 'error' | 'info' | 'warning', id: string): OperationSpec => ({
  method: 'post',
  path: `/v1/logging/log_${level}`,
  operationId: `postLog${level[0]!.toUpperCase()}${level.slice(1)}`,
  summary: `Log a ${level.toUpperCase()} record for a service (optionally about one of your orders)`,
  tags: ['Logging'],
  access: bearer(LOG_POST_SCOPES),
  body: {
    schema: postLogBody,
    examples: { one: { value: { service_module_name: 'harmonics', log_message: 'tile 32TPT: 3 scenes skipped' } } },
  },
  responses: { 204: { description: 'Recorded' } },
  errors: [404],
  legacy: [id],
});

export const loggingOperations = defineOperations([
  post('error', 'L1'),
  post('info', 'L2'),
  post('warning', 'L3'),
  {
    method: 'get',
    path: '/v1/logging',
    operationId: 'listLogs',
    summary: 'Log records, newest first, filtered, keyset-paged',
    description: 'Admins read every record; other clients the records of one of their orders (`order_id` required).',
    tags: ['Logging'],
    access: bearer([]),
    params: { query: listLogsQuery },
    responses: {
      200: {
        description: 'A page of records',
        schema: z.object({
          logs: z.array(
            z.object({
              id: z.number().int(),
              at: instant,
              level: z.string(),
              service: z.string(),
              order_id: uuid.nullable(),
              message: z.string(),
              context: z.record(z.string(), z.unknown()).nullable(),
            }),
          ),
          next_cursor: z.string().nullable(),
        }),
      },
    },
    errors: [403, 404],
  },
]);
