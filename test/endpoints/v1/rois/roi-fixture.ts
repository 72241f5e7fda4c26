/** Shared by the ROI endpoint suites (legacy /v1/roi/… and /v1/rois…): an ROI to work on, and how a route names one. */
import { expect } from 'vitest';
import { POST } from '~/app/v1/rois/route';
import type { EndpointKit } from '~/test/endpoint';
import { VIENNA_GEOJSON } from '~/test/areas';

/** The request for one ROI: its path and route parameters. `at('{roi_id}').path` is the route's name in titles. */
export type RoiAt = (roiId: string) => { path: string; params: Record<string, string> };

/**
 * How an update route names its ROI: `at` the request, `names` the body fields that name it (legacy: `roi_id` in the
 * body; /v1/rois/{roi_id}: none, the path does), `misnamed` body fields naming it wrongly and the 400 detail they get.
 */
export type RoiTarget = {
  at: RoiAt;
  names: (roiId: string) => Record<string, string>;
  misnamed: [Record<string, string>, RegExp];
};

/** Saves an ROI of `as` (default user; Vienna unless a geoJSON is given) through POST /v1/rois; its roi_id. */
export async function createRoi(
  api: EndpointKit,
  body: { name: string; description?: string; geoJSON?: unknown },
  as = 'user',
): Promise<string> {
  const r = await api.call(POST, '/v1/rois', { as, body: { geoJSON: VIENNA_GEOJSON, ...body } });
  expect(r.status, r.text).toBe(201);
  return r.json.roi_id as string;
}
