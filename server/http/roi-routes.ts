/**
 * The thin REST layer of ROIs (reference O1–O9), shared by the legacy routes (`/v1/roi/...`) and the resource routes
 * (`/v1/rois`, `/v1/rois/{roi_id}`): every operation is the caller's customer's (admins: any), 404 otherwise.
 * O5 (delete every ROI) and O7 (delete a user's ROIs; a no-op through a bug in the reference) are not carried over.
 */
import type { Caller } from '../auth/verify-access-token';
import { AppError } from '../errors';
import { createRoi } from '../rois/create-roi';
import { deleteRoi } from '../rois/delete-roi';
import { getRoi } from '../rois/get-roi';
import { listRois } from '../rois/list-rois';
import { customerOfUserId, isOwnUserId } from '../clients/legacy-user-id';
import { createRoiBody, patchRoiBody, replaceRoiBody, roiId } from '../rois/roi-body';
import type { RoiViewer } from '../rois/roi-view';
import { updateRoi } from '../rois/update-roi';
import { actorOf } from './actor';
import { orderConfig } from './order-routes';
import { jsonBody } from './request';
import type { ApiHandlerArgs } from './with-api-client';

/** Who may use ROIs: as the reference (admin, user), plus product orderers (an ROI is an order's area). */
export const ROI_SCOPES = ['admin', 'user', 'get_product'];

const viewer = (c: Caller): RoiViewer => ({ customerId: c.customerId, clientId: c.clientId, admin: c.scopes.includes('admin') });
const limits = () => ({ maxAreaKm2: orderConfig().maxAreaKm2, maxPixels: orderConfig().maxPixels });
const json = (body: unknown, status = 200) => Response.json(body, { status, headers: { 'cache-control': 'no-store' } });

/** The ROI id of the path or, for the legacy updates, of the body; both given must agree. */
function idOf(path: string | undefined, body: { roi_id?: string }): string {
  const id = path ?? body.roi_id;
  if (!id) throw new AppError('VALIDATION', 'roi_id: required');
  const parsed = roiId.safeParse(id);
  if (!parsed.success) throw new AppError('VALIDATION', 'roi_id: an ROI id (a UUID)');
  if (path && body.roi_id && body.roi_id !== path)
    throw new AppError('VALIDATION', 'roi_id: the body names another ROI than the path');
  return parsed.data;
}

export async function createRoiRoute({ deps, caller, req, ip, requestId }: ApiHandlerArgs) {
  const roi = await createRoi(
    deps.db,
    limits(),
    viewer(caller),
    actorOf(caller, { ip, requestId }),
    await jsonBody(req, createRoiBody),
  );
  return Response.json(roi, { status: 201, headers: { location: `/v1/rois/${roi.roi_id}`, 'cache-control': 'no-store' } });
}

export async function listRoisRoute({ deps, caller }: ApiHandlerArgs, customerId?: string) {
  return json({ rois: await listRois(deps.db, viewer(caller), { customerId }) });
}

export async function getRoiRoute({ deps, caller, params }: ApiHandlerArgs) {
  return json(await getRoi(deps.db, viewer(caller), idOf(params.roi_id, {})));
}

export async function updateRoiRoute({ deps, caller, req, params, ip, requestId }: ApiHandlerArgs, mode: 'patch' | 'replace') {
  const body = mode === 'patch' ? await jsonBody(req, patchRoiBody) : await jsonBody(req, replaceRoiBody);
  const id = idOf(params.roi_id, body);
  const roi = await updateRoi(deps.db, limits(), viewer(caller), actorOf(caller, { ip, requestId }), id, {
    ...body,
    replace: mode === 'replace',
  });
  return json(roi);
}

export async function deleteRoiRoute({ deps, caller, params, ip, requestId }: ApiHandlerArgs) {
  await deleteRoi(deps.db, viewer(caller), actorOf(caller, { ip, requestId }), idOf(params.roi_id, {}));
  return new Response(null, { status: 204 });
}

/** O4 GET /v1/roi/user/{user_id}: the ROIs of the customer that user_id names (its client_id or customer id). */
export async function listUserRoisRoute(a: ApiHandlerArgs) {
  const v = a.params.user_id ?? '';
  const customerId = isOwnUserId(viewer(a.caller), v) ? a.caller.customerId : await customerOfUserId(a.deps.db, v);
  if (!customerId) throw new AppError('NOT_FOUND', `user_id: there is no customer ${v}`, { reason: 'UNKNOWN_USER' });
  return listRoisRoute(a, customerId);
}
