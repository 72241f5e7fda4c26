/**
 * The legacy order bodies (reference §2.9), validated with zod: the reference's fields (`product`, `aoi`, `nation`,
 * `user_id` — the last accepted and ignored: the owner is the token's client) plus optional `product_year` and
 * `format`, `callback_url` (docs/notifications.md), and `roi_id` (a saved ROI of the client's customer) in place of `aoi`. Unknown fields are refused, so a typo (`aoii`) is an error, not a silently missing value.
 */
import { z } from 'zod';
import { callbackUrlField } from '../notifications/webhook-url';
import type { OrderRequest } from './create-order';

const product = z
  .string({ error: 'required: "Raster" or "Vector"' })
  .transform((v) => v.trim().toLowerCase())
  .pipe(z.enum(['raster', 'vector'], { error: 'must be "Raster" or "Vector"' }));
const common = {
  product,
  user_id: z.string().max(256).optional(),
  product_year: z.number({ error: 'must be a year, e.g. 2021' }).int().min(2000).max(2100).optional(),
  format: z.string().max(16).optional(),
  ...callbackUrlField,
};
const aoi = z.union(
  [z.string().min(1, 'must not be empty').max(1_000_000), z.array(z.unknown()), z.record(z.string(), z.unknown())],
  {
    error: 'required: a WKT or GeoJSON polygon in EPSG:4326, or a bbox [minLon, minLat, maxLon, maxLat]',
  },
);

const toRequest = (
  b: { product: 'raster' | 'vector'; product_year?: number; format?: string; callback_url?: string },
  extra: Partial<OrderRequest>,
): OrderRequest => ({
  product: b.product,
  ...(b.product_year !== undefined ? { productYear: b.product_year } : {}),
  ...(b.format !== undefined ? { format: b.format } : {}),
  ...(b.callback_url !== undefined ? { callbackUrl: b.callback_url } : {}),
  ...extra,
});

export const getProductBody = z
  .object({ ...common, aoi: aoi.optional(), roi_id: z.uuid({ error: 'an ROI id from POST /v1/rois' }).optional() })
  .strict()
  .superRefine((b, ctx) => {
    if ((b.aoi === undefined) === (b.roi_id === undefined))
      ctx.addIssue({
        code: 'custom',
        path: [b.aoi === undefined ? 'aoi' : 'roi_id'],
        message:
          b.aoi === undefined
            ? 'required: a WKT or GeoJSON polygon in EPSG:4326, or a bbox [minLon, minLat, maxLon, maxLat] (or roi_id instead)'
            : 'send aoi or roi_id, not both',
      });
  })
  .transform((b) => toRequest(b, b.roi_id !== undefined ? { roiId: b.roi_id } : { aoi: b.aoi }));
export const nationalProductBody = z
  .object({ ...common, nation: z.string({ error: 'required: a nation name from GET /v1/products/nations' }).min(1).max(128) })
  .strict()
  .transform((b) => toRequest(b, { nation: b.nation }));
export const europeProductBody = z
  .object(common)
  .strict()
  .transform((b) => toRequest(b, {}));
