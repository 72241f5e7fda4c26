/** An ROI as the API shows it, and the owner rule every ROI operation applies (another customer's ROI is a 404). */
import { sql } from 'drizzle-orm';
import { rois } from '~/db/schema';
import { isOwnUserId } from '../clients/legacy-user-id';
import { AppError } from '../errors';

export type RoiViewer = { customerId: string; clientId: string; admin: boolean };

export type RoiView = {
  roi_id: string;
  name: string;
  description: string | null;
  customer_id: string;
  geoJSON: { type: 'MultiPolygon'; coordinates: number[][][][] };
  created_at: string;
  updated_at: string;
};

export const roiColumns = {
  id: rois.id,
  name: rois.name,
  description: rois.description,
  customerId: rois.customerId,
  geojson: sql<string>`ST_AsGeoJSON(${rois.geom}, 9)`,
  createdAt: rois.createdAt,
  updatedAt: rois.updatedAt,
};

type Row = {
  id: string;
  name: string;
  description: string | null;
  customerId: string;
  geojson: string;
  createdAt: Date;
  updatedAt: Date;
};

export const toRoiView = (r: Row): RoiView => ({
  roi_id: r.id,
  name: r.name,
  description: r.description,
  customer_id: r.customerId,
  geoJSON: JSON.parse(r.geojson) as RoiView['geoJSON'],
  created_at: r.createdAt.toISOString(),
  updated_at: r.updatedAt.toISOString(),
});

export const roiNotFound = (id: string) => new AppError('NOT_FOUND', `roi_id: there is no ROI ${id}`, { reason: 'UNKNOWN_ROI' });

/** Only the owner's ROIs, unless an admin asks. */
export const ownedBy = (viewer: RoiViewer) => (viewer.admin ? sql`true` : sql`${rois.customerId} = ${viewer.customerId}`);

/** `user_id` / `customer_id` of a legacy body: absent, or the caller's own (its client_id or its customer id). */
export function checkOwnerField(viewer: RoiViewer, body: { user_id?: string; customer_id?: string }) {
  for (const field of ['user_id', 'customer_id'] as const) {
    const v = body[field];
    if (v !== undefined && !isOwnUserId(viewer, v))
      throw new AppError('FORBIDDEN', `${field}: ROIs are always your own; leave ${field} out or send your client_id`, {
        reason: 'NOT_YOUR_USER_ID',
      });
  }
}
