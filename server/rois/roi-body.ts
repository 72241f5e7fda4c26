/**
 * The bodies of the ROI endpoints (reference O1, O8, O9), with the reference's field names: `name`, `description`,
 * `geoJSON` (anything an order's `aoi` may be: GeoJSON, WKT or a bbox, parsed by the same parser), and the
 * conventions of the legacy API: `user_id` / `customer_id`, if sent, must be the caller's own customer id (an ROI
 * is always the caller's), `roi_id` in the body of the legacy updates. Unknown fields are refused.
 */
import { z } from 'zod';

const name = z.string().trim().min(1, 'must not be empty').max(128);
const description = z.string().max(4000).nullable();
/** As an order's `aoi` (server/orders/order-request.ts). */
const geometry = z.union(
  [z.string().min(1, 'must not be empty').max(1_000_000), z.array(z.unknown()), z.record(z.string(), z.unknown())],
  {
    error: 'a GeoJSON or WKT polygon in EPSG:4326, or a bbox [minLon, minLat, maxLon, maxLat]',
  },
);
const owner = { user_id: z.string().max(256).optional(), customer_id: z.string().max(256).optional() };
const roiId = z.uuid({ error: 'an ROI id (a UUID)' });

export const createRoiBody = z.object({ name, description: description.optional(), geoJSON: geometry, ...owner }).strict();
export type CreateRoiBody = z.infer<typeof createRoiBody>;

export const patchRoiBody = z
  .object({
    roi_id: roiId.optional(),
    name: name.optional(),
    description: description.optional(),
    geoJSON: geometry.optional(),
    ...owner,
  })
  .strict()
  .refine((b) => b.name !== undefined || b.description !== undefined || b.geoJSON !== undefined, {
    message: 'send at least one of name, description, geoJSON',
  });
export type PatchRoiBody = z.infer<typeof patchRoiBody>;

export const replaceRoiBody = z
  .object({ roi_id: roiId.optional(), name, description: description.optional(), geoJSON: geometry, ...owner })
  .strict();

export { roiId };
