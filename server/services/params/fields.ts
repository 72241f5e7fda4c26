/**
 * The field types the production services' parameters share, with the reference's names, defaults and the checks it
 * only documented: dates that parse and are ordered, cloud cover 0–100, resolutions 10 or 20, Sentinel-2 tile ids,
 * band and feature names from known lists, and the filter objects the reference DAGs expect as JSON strings.
 */
import { z } from 'zod';

/** A calendar date `YYYY-MM-DD` that exists (2021-02-30 does not). */
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, 'not a calendar date');

/** start_date ≤ end_date, reported on end_date. */
export const datesInOrder = (p: { start_date?: string; end_date?: string }, ctx: z.RefinementCtx) => {
  if (p.start_date && p.end_date && p.start_date > p.end_date) {
    ctx.addIssue({ code: 'custom', path: ['end_date'], message: `must not be before start_date (${p.start_date})` });
  }
};

export const cloudCover = z.number().int('a whole percentage').min(0).max(100);

/** Sentinel-2 tile id (MGRS): UTM zone 01–60, latitude band C–X without I and O, two letters, e.g. 33UXP. */
export const s2TileId = z.string().regex(/^(0[1-9]|[1-5]\d|60)[C-HJ-NP-X][A-HJ-NP-Z]{2}$/, 'a Sentinel-2 tile id such as 33UXP');

/** The Sentinel-2 bands by their band names, and the colour names the reference's harmonics service used. */
export const S2_BANDS = ['B01', 'B02', 'B03', 'B04', 'B05', 'B06', 'B07', 'B08', 'B8A', 'B09', 'B10', 'B11', 'B12'] as const;
export const S2_BAND_NAMES = ['BLUE', 'GREEN', 'RED', 'RE1', 'RE2', 'RE3', 'NIR', 'NIR2', 'SWIR1', 'SWIR2'] as const;
const bandList = [...S2_BANDS, ...S2_BAND_NAMES];
export const s2Band = z.enum(bandList, { error: () => `one of ${bandList.join(', ')}` });
export const s2BandCode = z.enum(S2_BANDS, { error: () => `one of ${S2_BANDS.join(', ')}` });

/** A temporal feature: `<band>_<metric>` or `<band>_INTRPL_<metric>` (e.g. B01_MIN, B04_INTRPL_P90). */
export const temporalFeature = z
  .string()
  .regex(
    new RegExp(`^(${S2_BANDS.join('|')})(_INTRPL)?_[A-Z0-9]+$`),
    `a feature <band>_<metric> or <band>_INTRPL_<metric> with a band of ${S2_BANDS.join(', ')} (e.g. B01_MIN)`,
  );

/** A Sentinel-1 band with its orbit direction, e.g. ASC_VV, DSC_VH, ASC_DVVVH. */
export const s1Band = z
  .string()
  .regex(/^(ASC|DSC)_(VV|VH|HH|HV|DVVVH|RVVVH)$/, 'an orbit direction ASC_ or DSC_ and a polarisation, e.g. ASC_VV');

/** The pre-calculated feature families of the reference's feature calculation service. */
export const precalculatedFeature = z
  .string()
  .regex(
    /^(X|Y|CopernicusDSM|EUDEM|GEnSPCA|DistCoarse\w*|DLT\w*|[Gg]eomorpho90m?\w*|ProbaFilt\w*|WAW\w*)$/,
    'a pre-calculated feature: X, Y, CopernicusDSM, EUDEM, GEnSPCA, DistCoarse…, DLT…, Geomorpho90m…, ProbaFilt… or WAW…',
  );

/**
 * An object the reference DAGs read as a JSON string (`data_filter`, `rule_set`…): accepted as the object or as that
 * string, checked against `schema`, and passed on as the JSON string.
 */
export function jsonOrString<S extends z.ZodType>(schema: S) {
  const asJson = z.toJSONSchema(schema, { io: 'input', target: 'draft-2020-12' }) as Record<string, unknown>;
  delete asJson.$schema;
  return z
    .unknown()
    .transform((v, ctx) => {
      let value = v;
      if (typeof v === 'string') {
        try {
          value = JSON.parse(v) as unknown;
        } catch {
          ctx.addIssue({ code: 'custom', message: 'not valid JSON (an object or its JSON text)' });
          return z.NEVER;
        }
      }
      const checked = schema.safeParse(value);
      if (!checked.success) {
        for (const i of checked.error.issues) ctx.addIssue({ code: 'custom', path: i.path, message: i.message });
        return z.NEVER;
      }
      return JSON.stringify(checked.data);
    })
    .meta({ anyOf: [asJson, { type: 'string', contentMediaType: 'application/json' }] });
}

export const dataFilter = z
  .object({
    min_time_difference: z.number().int().min(0),
    max_cc_local: z.number().int().min(0).max(100),
  })
  .strict();

/**
 * A unit field that may name several units: an array, or a comma-separated string as the reference console sent it
 * (one order per unit). Names are trimmed; the database check that they exist is start-service.ts's.
 */
export const unitNames = z
  .union([z.string(), z.number().int(), z.array(z.union([z.string(), z.number().int()])).min(1)], {
    error: () => 'required: a unit name, a comma-separated list of them, or an array',
  })
  .transform((v) => (Array.isArray(v) ? v : String(v).split(',')).map((s) => String(s).trim()).filter((s) => s.length > 0))
  .pipe(z.array(z.string().max(64)).min(1, 'at least one unit name').max(500, 'at most 500 units in one request'));
