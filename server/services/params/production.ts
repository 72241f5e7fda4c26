/**
 * The parameters of the production services, with the reference's exact body fields and defaults (reference §2.8,
 * S1–S14). Each schema is what the API validates and what an Airflow DAG receives as `conf`; unit fields hold one
 * unit per order (start-service.ts expands a list into one order per unit before parsing).
 */
import { z } from 'zod';
import {
  cloudCover,
  dataFilter,
  datesInOrder,
  isoDate,
  jsonOrString,
  precalculatedFeature,
  s1Band,
  s2Band,
  s2BandCode,
  s2TileId,
  temporalFeature,
} from './fields';

const unit = z.string().min(1).max(64);

/** S1–S3: the batch classification chains take a free-form `params` object, as in the reference. */
export const batchClassificationParams = z
  .object({ params: z.record(z.string(), z.unknown(), { error: () => 'an object of the chain’s parameters' }) })
  .strict();

/** S4: harmonic (seasonality) model of a Sentinel-2 tile. */
export const harmonicsParams = z
  .object({
    tile_id: s2TileId,
    start_date: isoDate,
    end_date: isoDate,
    band: s2Band,
    resolution: z.union([z.literal(10), z.literal(20)], { error: () => '10 or 20 (metres)' }),
    ndi_band: s2Band,
  })
  .strict()
  .superRefine(datesInOrder);

/** S5: vector retransformation of a sub-production unit. */
export const retransformationParams = z.object({ subproduction_unit_name: unit }).strict();

const task1Base = {
  start_date: isoDate.default('2017-07-01'),
  end_date: isoDate.default('2019-06-30'),
  processing_unit_name: unit,
  cloud_cover: cloudCover.default(80),
  features: z.array(temporalFeature).min(1, 'at least one feature'),
  use_cache: z.boolean().default(true),
  data_filter: jsonOrString(dataFilter).optional(),
  aoi_coverage: z.number().int().min(0).max(100).default(0),
};

/** S8: Task 1 feature calculation of a processing unit. */
export const task1FeatureCalculationParams = z.object(task1Base).strict().superRefine(datesInOrder);

/** S7, S9, S10: Task 1 batch classification and reprocessing (the features plus the segmentation's rule set). */
export const task1ClassificationParams = z
  .object({ ...task1Base, rule_set: jsonOrString(z.array(z.string().min(1)).min(1, 'at least one rule')) })
  .strict()
  .superRefine(datesInOrder);

/** S11: stitching a processing unit with its neighbours. */
export const task1StitchingParams = z
  .object({
    processing_unit_name: unit,
    /** Comma-separated, as the reference ("129_2, 174, 175"); each must be a known unit. */
    surrounding_pus: z.string().min(1).max(2000),
  })
  .strict();

const task2Base = {
  start_date: isoDate,
  end_date: isoDate,
  processing_unit_name: unit,
  cloud_cover: cloudCover,
  interval_size: z.number().int().min(1).max(366).default(10),
  s1_bands: z.array(s1Band).optional(),
  s2_bands: z.array(s2BandCode).optional(),
  precalculated_features: z.array(precalculatedFeature).optional(),
  use_cache: z.boolean().default(true),
  data_filter_s1: jsonOrString(z.record(z.string(), z.unknown())).optional(),
  data_filter_s2: jsonOrString(dataFilter).optional(),
  aoi_coverage: z.number().int().min(0).max(100).default(0),
};

/** S14: Task 2 feature calculation. */
export const task2FeatureCalculationParams = z.object(task2Base).strict().superRefine(datesInOrder);

/** S12, S13: Task 2 model application (and its fast lane). */
export const task2ApplyModelParams = z
  .object({ ...task2Base, model_path: z.string().min(1).max(1024) })
  .strict()
  .superRefine(datesInOrder);

/** Product ingestion of one production unit (the CLI's ingestion as a service). */
export const ingestProductParams = z
  .object({
    processing_unit_name: unit,
    product: z.enum(['raster', 'vector']),
    reference_year: z.number().int().min(2000).max(2100),
    /** A GeoTIFF or GeoPackage GDAL can open: a server path or a /vsis3/, /vsicurl/ URL (credentials from configuration). */
    source: z.string().min(1).max(2048),
  })
  .strict();
