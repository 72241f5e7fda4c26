/**
 * `POST /ogc/processes/{processId}/execution`: an OGC job is an order, accepted by the same code as the legacy
 * routes (create-order.ts for the product processes, start-service.ts for the production ones): the same checks,
 * scopes (`admin` or one of the service's), open-order limit, Idempotency-Key and callbacks; nothing is written when
 * any check fails.
 * 1. The execute request (execute-request.ts) becomes the service's body; inputs are validated by the service's own
 *    schema, so a bad one is a 400 InvalidParameterValue naming it. A production job runs for one unit.
 * 2. Asynchronous by default (every process lists `async-execute` only): 201, `Location` of the job, its statusInfo.
 * 3. `Prefer: wait` (RFC 7240) on get_product with an AOI of at most OGC_SYNC_MAX_AREA_KM2, and no `respond-async`:
 *    the answer waits for the job (at most `wait=<s>`, 120 s by default and at most) and is its results (200, or the
 *    failure as an exception), with `Preference-Applied: wait` and a `Link` rel=monitor to the job; a job that takes
 *    longer is answered asynchronously after all (201, no Preference-Applied: wait).
 */
import type { OrderOgc } from '~/db/schema';
import { requireScope, type Caller } from '../auth/verify-access-token';
import { airflowConnectionReady } from '../airflow/connection-ready';
import type { AppDeps } from '../deps';
import { env } from '../env.js';
import { AppError } from '../errors';
import { orderConfig, statusDeps, viewerOf } from '../http/order-routes';
import { createOrder, type OrderRequest, type OrderService } from '../orders/create-order';
import { isFinal } from '../orders/order-status';
import { effectiveService } from '../services/effective-service';
import { unitNames } from '../services/params/fields';
import { startService } from '../services/start-service';
import { parseSourceRoots } from '../storage/source-path';
import { asOgcError, invalidParameter, noSuchProcess } from './exceptions';
import { checkOutputs, executeRequest, readInputs, readPrefer } from './execute-request';
import { findJob } from './find-job';
import { findProcess } from './find-process';
import { getJobResults } from './get-job-results';
import { ogcBase } from './links';
import { processKind, toProcessDescription } from './process-description';
import { ogcJson, resultsResponse } from './respond';
import { toStatusInfo } from './status-info';

const SYNC_WAIT_MAX_SECONDS = 120;
const POLL_MS = 250;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A value the client sent that the order checks did not find (a year, a nation, an ROI) is a bad input here. */
const asInputError = (e: unknown) =>
  e instanceof AppError && e.code === 'NOT_FOUND' ? invalidParameter(e.detail) : asOgcError(e);

export async function executeProcess(
  deps: AppDeps,
  caller: Caller,
  req: Request,
  input: { processId: string; body: unknown },
): Promise<Response> {
  const viewer = viewerOf(caller);
  const row = await findProcess(deps.db, viewer, input.processId);
  const def = effectiveService(row);
  if (!def) throw noSuchProcess(input.processId);
  requireScope(caller, ['admin', ...def.scopes]);

  const parsed = executeRequest.safeParse(input.body);
  if (!parsed.success) throw asOgcError(parsed.error);
  const exec = parsed.data;
  const kind = processKind(row.name);
  const description = toProcessDescription(row);
  const body = readInputs(row.name, Object.keys(description.inputs), exec.inputs);
  checkOutputs(
    exec.outputs,
    kind === 'product'
      ? { id: 'package', mediaType: 'application/zip', transmission: 'reference' }
      : { id: 'result', mediaType: 'application/json', transmission: 'value' },
  );
  if (exec.response === 'raw' && kind !== 'product') {
    throw invalidParameter('response: "raw" is for a process whose one output is a file (the product processes)');
  }
  const ogc: OrderOgc = {
    ...(exec.response ? { response: exec.response } : {}),
    ...(exec.subscriber ? { subscriber: exec.subscriber } : {}),
  };
  const idempotencyKey = req.headers.get('idempotency-key') ?? undefined;

  let orderId: string;
  let created: boolean;
  let areaKm2: number | null = null;
  try {
    if (kind === 'product') {
      const request = def.params.parse(body) as OrderRequest;
      const { order, created: isNew } = await createOrder(deps, orderConfig(), {
        service: row.name as OrderService,
        owner: { apiClientId: caller.apiClientId },
        request,
        idempotencyKey,
        ogc,
      });
      orderId = order.id;
      created = isNew;
      areaKm2 = order.areaKm2;
    } else {
      if (def.unit !== 'none') {
        const units = unitNames.safeParse(body[def.unitField!]);
        if (units.success && units.data.length > 1) {
          throw invalidParameter(`inputs.${def.unitField}: one unit per job; execute the process once for each unit`);
        }
      }
      const { orders, created: isNew } = await startService(
        { ...deps, airflowConnectionReady: airflowConnectionReady(deps.db) },
        { maxOpenPerClient: env.ORDER_MAX_OPEN_PER_CLIENT, sourceRoots: parseSourceRoots(env.SOURCE_ROOTS) },
        { service: row.name, caller, body, idempotencyKey, ogc },
      );
      orderId = orders[0]!.id;
      created = isNew;
    }
  } catch (e) {
    throw asInputError(e);
  }

  const monitor = `${ogcBase()}/jobs/${orderId}`;
  const prefer = readPrefer(req.headers.get('prefer'));
  const applied: Record<string, string> = {
    ...(prefer.async ? { 'preference-applied': 'respond-async' } : {}),
    ...(created ? {} : { 'idempotent-replayed': 'true' }),
  };
  const small = row.name === 'get_product' && areaKm2 !== null && areaKm2 <= env.OGC_SYNC_MAX_AREA_KM2;
  if (prefer.wait && !prefer.async && small) {
    const waitS = Math.min(prefer.waitSeconds ?? SYNC_WAIT_MAX_SECONDS, SYNC_WAIT_MAX_SECONDS);
    const until = Date.now() + waitS * 1000;
    for (;;) {
      const o = await findJob(deps.db, viewer, orderId);
      if (isFinal(o.status)) {
        const headers = {
          'preference-applied': prefer.waitSeconds !== undefined ? `wait=${prefer.waitSeconds}` : 'wait',
          link: `<${monitor}>; rel="monitor"`,
        };
        try {
          return await resultsResponse(deps, viewer, req, await getJobResults(statusDeps(deps), viewer, orderId), headers);
        } catch (e) {
          if (!(e instanceof AppError)) throw e;
          throw new AppError(e.code, e.detail, { reason: e.reason, type: e.type, headers: { ...e.headers, ...headers } });
        }
      }
      const left = until - Date.now();
      if (left <= 0) break;
      await sleep(Math.min(POLL_MS, left));
    }
  }
  const job = toStatusInfo(await findJob(deps.db, viewer, orderId));
  return ogcJson(job, { status: 201, headers: { location: monitor, ...applied } });
}
