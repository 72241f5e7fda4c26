/** Regions of interest: the resource routes (`/v1/rois`) and the reference's (`/v1/roi/*`, O1–O9), one handler each. */
import { z } from 'zod';
import { ROI_SCOPES } from '../../http/roi-routes';
import { createRoiBody, patchRoiBody, replaceRoiBody, roiId } from '../../rois/roi-body';
import { bearer, defineOperations } from '../define-operation';
import { instant, uuid } from '../shared';

export const roiView = z
  .object({
    roi_id: uuid,
    name: z.string(),
    description: z.string().nullable(),
    customer_id: z.string(),
    geoJSON: z.object({
      type: z.literal('MultiPolygon'),
      coordinates: z.array(z.array(z.array(z.array(z.number())))),
    }),
    created_at: instant,
    updated_at: instant,
  })
  .meta({ id: 'Roi', description: 'A saved area (EPSG:4326 MultiPolygon), usable as an order’s roi_id' });

const rois = z.object({ rois: z.array(roiView) });
const roiPath = z.object({ roi_id: roiId });
const vienna = {
  name: 'Vienna',
  description: 'city centre',
  geoJSON: 'POLYGON ((16.30 48.15, 16.42 48.14, 16.44 48.20, 16.38 48.23, 16.30 48.15))',
};
const ops = { tags: ['ROIs'], access: bearer(ROI_SCOPES) } as const;
const one = { 200: { description: 'The ROI', schema: roiView } };
const created = { 201: { description: 'The new ROI', schema: roiView, headers: { location: 'The ROI URL' } } };

export const roiOperations = defineOperations([
  {
    ...ops,
    method: 'get',
    path: '/v1/rois',
    operationId: 'listRois',
    summary: "The caller's ROIs (admins: every one)",
    responses: { 200: { description: 'The ROIs', schema: rois } },
  },
  {
    ...ops,
    method: 'post',
    path: '/v1/rois',
    operationId: 'createRoi',
    summary: 'Save an ROI',
    body: { schema: createRoiBody, examples: { wkt: { value: vienna } } },
    responses: created,
    errors: [409, 422],
  },
  {
    ...ops,
    method: 'get',
    path: '/v1/rois/{roi_id}',
    operationId: 'getRoi',
    summary: 'One of the caller’s ROIs',
    params: { path: roiPath },
    responses: one,
    errors: [404],
  },
  {
    ...ops,
    method: 'patch',
    path: '/v1/rois/{roi_id}',
    operationId: 'patchRoi',
    summary: 'Change some fields of an ROI',
    params: { path: roiPath },
    body: { schema: patchRoiBody, examples: { rename: { value: { name: 'Vienna centre' } } } },
    responses: one,
    errors: [404, 409, 422],
  },
  {
    ...ops,
    method: 'put',
    path: '/v1/rois/{roi_id}',
    operationId: 'replaceRoi',
    summary: 'Replace an ROI (name, description, geoJSON)',
    params: { path: roiPath },
    body: { schema: replaceRoiBody, examples: { all: { value: vienna } } },
    responses: one,
    errors: [404, 409, 422],
  },
  {
    ...ops,
    method: 'delete',
    path: '/v1/rois/{roi_id}',
    operationId: 'deleteRoi',
    summary: 'Delete an ROI',
    params: { path: roiPath },
    responses: { 204: { description: 'Deleted' } },
    errors: [404],
  },
  // The reference's routes.
  {
    ...ops,
    method: 'post',
    path: '/v1/roi/create',
    operationId: 'legacyCreateRoi',
    summary: 'Save an ROI (reference O1)',
    body: { schema: createRoiBody, examples: { wkt: { value: vienna } } },
    responses: created,
    errors: [409, 422],
    legacy: ['O1'],
  },
  {
    ...ops,
    method: 'get',
    path: '/v1/roi',
    operationId: 'legacyListRois',
    summary: "The caller's ROIs (admins: every one)",
    responses: { 200: { description: 'The ROIs', schema: rois } },
    legacy: ['O2'],
  },
  {
    ...ops,
    method: 'get',
    path: '/v1/roi/id/{roi_id}',
    operationId: 'legacyGetRoi',
    summary: 'One of the caller’s ROIs',
    params: { path: roiPath },
    responses: one,
    errors: [404],
    legacy: ['O3'],
  },
  {
    ...ops,
    method: 'get',
    path: '/v1/roi/user/{user_id}',
    operationId: 'legacyListUserRois',
    summary: "A customer's ROIs: the caller's own, or any for admins",
    params: { path: z.object({ user_id: z.string().meta({ description: 'A client_id or customer id' }) }) },
    responses: { 200: { description: 'The ROIs', schema: rois } },
    errors: [404],
    legacy: ['O4'],
  },
  {
    ...ops,
    method: 'delete',
    path: '/v1/roi/delete/id/{roi_id}',
    operationId: 'legacyDeleteRoi',
    summary: 'Delete one of the caller’s ROIs',
    params: { path: roiPath },
    responses: { 204: { description: 'Deleted' } },
    errors: [404],
    legacy: ['O6'],
  },
  {
    ...ops,
    method: 'patch',
    path: '/v1/roi/update/filter',
    operationId: 'legacyPatchRoi',
    summary: 'Change some fields of the ROI named by roi_id in the body',
    body: {
      schema: patchRoiBody,
      examples: { rename: { value: { roi_id: '0b6f5f1e-8f0c-4d7a-9a56-0d1f7a3b2c11', name: 'Vienna' } } },
    },
    responses: one,
    errors: [404, 409, 422],
    legacy: ['O8'],
  },
  {
    ...ops,
    method: 'put',
    path: '/v1/roi/update',
    operationId: 'legacyReplaceRoi',
    summary: 'Replace the ROI named by roi_id in the body',
    body: { schema: replaceRoiBody, examples: { all: { value: { roi_id: '0b6f5f1e-8f0c-4d7a-9a56-0d1f7a3b2c11', ...vienna } } } },
    responses: one,
    errors: [404, 409, 422],
    legacy: ['O9'],
  },
]);
