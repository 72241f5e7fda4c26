/**
 * POST /ogc/processes/{processId}/execution — execute a process: a new order (201 + Location + statusInfo), or with
 * `Prefer: wait` a small get_product clip answered with its results. Scopes: the service's, checked inside.
 */
import { jsonBody } from '~/server/http/request';
import { withApiClient } from '~/server/http/with-api-client';
import { ogcHandler } from '~/server/ogc/exceptions';
import { executeProcess } from '~/server/ogc/execute-process';
import { z } from 'zod';

export const dynamic = 'force-dynamic';

export const POST = withApiClient(
  { scopes: [] },
  ogcHandler(async ({ req, deps, caller, params }) =>
    executeProcess(deps, caller, req, { processId: params.processId!, body: await jsonBody(req, z.unknown()) }),
  ),
);
