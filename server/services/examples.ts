/**
 * Request bodies for the catalogue's services started with `POST /v1/services/{service}`, with the reference's field
 * names: `valid` ones (parameter-schema.ts puts them in the JSON Schema's `examples`, so the console form and the OGC
 * process description show them; the first is the one an operator sees first and the API test posts), and `invalid`
 * ones, each naming the field that is wrong. Units are those of the demo data (production unit 10kmE476N278 and its
 * neighbours, sub-production units SPU_E474N276, SPU_E477N279). parameter-schema.test.ts requires examples for every
 * such service and checks them against both the zod schema and the JSON Schema.
 */

export type ExampleBody = Readonly<Record<string, unknown>>;
export type InvalidExample = { readonly case: string; readonly field: string; readonly body: ExampleBody };
export type ServiceExamples = {
  readonly valid: readonly [ExampleBody, ...ExampleBody[]];
  readonly invalid: readonly InvalidExample[];
};

const PU = '10kmE476N278';
const SPU = 'SPU_E474N276';

const without = (body: ExampleBody, field: string): ExampleBody =>
  Object.fromEntries(Object.entries(body).filter(([k]) => k !== field));
const bad = (c: string, field: string, body: ExampleBody): InvalidExample => ({ case: c, field, body });

const batch: ServiceExamples = {
  valid: [
    { params: { processing_unit_name: PU, year: 2018 } },
    { params: { processing_unit_name: '10kmE477N278', year: 2021, model: 'rf_v2' } },
  ],
  invalid: [
    bad('params not an object', 'params', { params: 'processing_unit_name=10kmE476N278' }),
    bad('params missing', 'params', {}),
    bad('unknown field', 'tile_id', { params: { year: 2018 }, tile_id: '32TPT' }),
  ],
};

/** A harmonics body (S4) the tests of the trigger route share. */
export const HARMONICS_EXAMPLE: ExampleBody = {
  tile_id: '33UXP',
  start_date: '2021-03-01',
  end_date: '2021-10-31',
  band: 'RED',
  resolution: 10,
  ndi_band: 'NIR',
};

const harmonics = HARMONICS_EXAMPLE;

const task1: ExampleBody = {
  processing_unit_name: PU,
  start_date: '2018-01-01',
  end_date: '2018-12-31',
  cloud_cover: 60,
  features: ['B04_MEDIAN', 'B08_INTRPL_P90'],
  use_cache: false,
  data_filter: { min_time_difference: 5, max_cc_local: 40 },
  aoi_coverage: 10,
};
const task1Invalid: InvalidExample[] = [
  bad('cloud cover over 100', 'cloud_cover', { ...task1, cloud_cover: 120 }),
  bad('unknown band in a feature', 'features', { ...task1, features: ['B13_MIN'] }),
  bad('no feature', 'features', { ...task1, features: [] }),
  bad('dates out of order', 'end_date', { ...task1, start_date: '2019-01-01' }),
  bad('not a calendar date', 'start_date', { ...task1, start_date: '2018-02-30' }),
  bad('data_filter not JSON', 'data_filter', { ...task1, data_filter: '{"min_time' }),
  bad('data_filter value out of range', 'data_filter', { ...task1, data_filter: { min_time_difference: 5, max_cc_local: 101 } }),
  bad('unit missing', 'processing_unit_name', without(task1, 'processing_unit_name')),
  bad('end date not a calendar date', 'end_date', { ...task1, end_date: '2018-13-01' }),
  bad('use_cache as text', 'use_cache', { ...task1, use_cache: 'no' }),
  bad('AOI coverage over 100', 'aoi_coverage', { ...task1, aoi_coverage: 101 }),
  bad('AOI coverage not whole', 'aoi_coverage', { ...task1, aoi_coverage: 2.5 }),
];
const task1Classification: ServiceExamples = {
  valid: [
    { ...task1, rule_set: ['segmentation_alpine_v3', 'postprocessing_mmu_0_5ha'] },
    { processing_unit_name: '10kmE477N278', features: ['B02_MAX', 'B11_INTRPL_P10'], rule_set: '["segmentation_lowland_v2"]' },
  ],
  invalid: [
    ...task1Invalid.map((e) => ({ ...e, body: { ...e.body, rule_set: ['segmentation_alpine_v3'] } })),
    bad('rule_set not JSON', 'rule_set', { ...task1, rule_set: '["segmentation_alpine_v3",' }),
    bad('empty rule_set', 'rule_set', { ...task1, rule_set: [] }),
    bad('rule_set missing', 'rule_set', task1),
  ],
};

const task2: ExampleBody = {
  processing_unit_name: PU,
  start_date: '2018-03-01',
  end_date: '2018-10-31',
  cloud_cover: 70,
  interval_size: 10,
  s1_bands: ['ASC_VV', 'DSC_VH'],
  s2_bands: ['B02', 'B8A'],
  precalculated_features: ['CopernicusDSM', 'Geomorpho90m_slope'],
  data_filter_s2: '{"min_time_difference": 3, "max_cc_local": 50}',
};
const task2Invalid: InvalidExample[] = [
  bad('Sentinel-1 band without orbit direction', 's1_bands', { ...task2, s1_bands: ['VV'] }),
  bad('unknown Sentinel-2 band', 's2_bands', { ...task2, s2_bands: ['B13'] }),
  bad('interval of 0 days', 'interval_size', { ...task2, interval_size: 0 }),
  bad('unknown pre-calculated feature', 'precalculated_features', { ...task2, precalculated_features: ['NDVI'] }),
  bad('cloud cover missing', 'cloud_cover', without(task2, 'cloud_cover')),
  bad('dates out of order', 'end_date', { ...task2, end_date: '2018-01-31' }),
  bad('start date not YYYY-MM-DD', 'start_date', { ...task2, start_date: '2018/03/01' }),
  bad('use_cache as a number', 'use_cache', { ...task2, use_cache: 1 }),
  bad('negative AOI coverage', 'aoi_coverage', { ...task2, aoi_coverage: -1 }),
  bad('data_filter_s1 not JSON', 'data_filter_s1', { ...task2, data_filter_s1: '{orbit: ASC}' }),
  bad('data_filter_s1 a list', 'data_filter_s1', { ...task2, data_filter_s1: ['ASC'] }),
  bad('data_filter_s2 value out of range', 'data_filter_s2', {
    ...task2,
    data_filter_s2: { min_time_difference: 3, max_cc_local: 150 },
  }),
];
const MODEL = 's3://clcplus-models/task2/rf_2018_v2.pkl';
const task2ApplyModel: ServiceExamples = {
  valid: [
    { ...task2, model_path: MODEL },
    {
      processing_unit_name: '10kmE477N279',
      start_date: '2021-01-01',
      end_date: '2021-12-31',
      cloud_cover: 50,
      model_path: MODEL,
      data_filter_s1: { orbit: 'ASC' },
    },
  ],
  invalid: [
    ...task2Invalid.map((e) => ({ ...e, body: { ...e.body, model_path: MODEL } })),
    bad('model_path missing', 'model_path', task2),
    bad('empty model_path', 'model_path', { ...task2, model_path: '' }),
  ],
};

const ingest: ExampleBody = {
  processing_unit_name: PU,
  product: 'raster',
  reference_year: 2021,
  // Relative to a SOURCE_ROOTS folder (the API resolves it there; the e2e test writes this file).
  source: 'examples/CLMS_CLCPLUS_RASTER_2021_010m_E476N278_03035_V1_1.tif',
};

const attribution: ExampleBody = { subproduction_unit_name: SPU, method: 'relative_count majority', reference_year: 2021 };

export const SERVICE_EXAMPLES: Readonly<Record<string, ServiceExamples>> = {
  batch_classification_production: batch,
  batch_classification_staging: batch,
  batch_classification_test: batch,
  harmonics: {
    valid: [harmonics, { ...harmonics, tile_id: '32TPT', band: 'B04', resolution: 20, ndi_band: 'B08' }],
    invalid: [
      bad('tile id with I', 'tile_id', { ...harmonics, tile_id: '32TPI' }),
      bad('dates out of order', 'end_date', { ...harmonics, start_date: '2021-11-01' }),
      bad('not a calendar date', 'end_date', { ...harmonics, end_date: '2021-02-30' }),
      bad('date not YYYY-MM-DD', 'start_date', { ...harmonics, start_date: '01.03.2021' }),
      bad('resolution 15', 'resolution', { ...harmonics, resolution: 15 }),
      bad('unknown band', 'band', { ...harmonics, band: 'PURPLE' }),
      bad('unknown NDI band', 'ndi_band', { ...harmonics, ndi_band: 'B13' }),
      bad('NDI band missing', 'ndi_band', without(harmonics, 'ndi_band')),
      bad('unknown field', 'colour', { ...harmonics, colour: 'red' }),
      bad('tile id missing', 'tile_id', without(harmonics, 'tile_id')),
    ],
  },
  retransformation: {
    valid: [{ subproduction_unit_name: SPU }, { subproduction_unit_name: 'SPU_E477N279' }],
    invalid: [
      bad('empty unit', 'subproduction_unit_name', { subproduction_unit_name: '' }),
      bad('unit not a string', 'subproduction_unit_name', { subproduction_unit_name: 474276 }),
      bad('unit missing', 'subproduction_unit_name', {}),
    ],
  },
  task1_batch_classification: task1Classification,
  task1_feature_calculation: {
    valid: [
      task1,
      {
        processing_unit_name: '10kmE477N278',
        features: ['B02_MAX'],
        data_filter: '{"min_time_difference": 5, "max_cc_local": 30}',
      },
    ],
    invalid: task1Invalid,
  },
  task1_reprocessing: task1Classification,
  task1_reprocessing_test: task1Classification,
  task1_stitching: {
    valid: [{ processing_unit_name: PU, surrounding_pus: '10kmE476N279, 10kmE477N278, 10kmE477N279' }],
    invalid: [
      bad('no neighbours', 'surrounding_pus', { processing_unit_name: PU, surrounding_pus: '' }),
      bad('neighbours missing', 'surrounding_pus', { processing_unit_name: PU }),
      bad('unit not a string', 'processing_unit_name', { processing_unit_name: 476278, surrounding_pus: '10kmE476N279' }),
    ],
  },
  task2_apply_model: task2ApplyModel,
  task2_apply_model_fast_lane: task2ApplyModel,
  task2_feature_calculation: { valid: [task2], invalid: task2Invalid },
  ingest_product: {
    valid: [ingest, { ...ingest, product: 'vector', source: '/vsis3/clcplus-inbox/2021/E476N278/CLMS_CLCPLUS_VECTOR_2021.gpkg' }],
    invalid: [
      bad('unknown product', 'product', { ...ingest, product: 'hybrid' }),
      bad('year before 2000', 'reference_year', { ...ingest, reference_year: 1999 }),
      bad('year as text', 'reference_year', { ...ingest, reference_year: '2021' }),
      bad('source missing', 'source', without(ingest, 'source')),
    ],
  },
  product_qc: {
    valid: [
      { processing_unit_name: PU, product: 'raster', reference_year: 2021 },
      { processing_unit_name: '10kmE477N278', product: 'vector', reference_year: 2021, source: 'examples/E477N278_vector.gpkg' },
    ],
    invalid: [
      bad('unknown product', 'product', { processing_unit_name: PU, product: 'tiles', reference_year: 2021 }),
      bad('year after 2100', 'reference_year', { processing_unit_name: PU, product: 'raster', reference_year: 2101 }),
      bad('empty source', 'source', { processing_unit_name: PU, product: 'raster', reference_year: 2021, source: '' }),
    ],
  },
  vector_class_attribution: {
    valid: [
      attribution,
      {
        subproduction_unit_name: 'SPU_E477N279',
        method: ['absolute_count', 'area'],
        method_params: [1, 2, 3],
        col_names: 'sealed woody_needle woody_broadleaved',
        na_value: 0,
        id_column: 'id',
        bucket_path: 'attribution/2021',
        reference_year: '2021',
      },
    ],
    invalid: [
      bad('unknown method in the list', 'method', { ...attribution, method: ['mean'] }),
      bad('unknown method in the words', 'method', { ...attribution, method: 'mean' }),
      bad('raster value over 255', 'method_params', { ...attribution, method_params: '1 300' }),
      bad('raster values not numbers', 'method_params', { ...attribution, method_params: 'sealed woody' }),
      bad('fewer names than values', 'col_names', { ...attribution, method_params: [1, 2, 3], col_names: 'a b' }),
      bad('bucket_path climbing out', 'bucket_path', { ...attribution, bucket_path: 'out/../../etc' }),
      bad('bucket_path absolute', 'bucket_path', { ...attribution, bucket_path: '/etc' }),
      bad('year before 2000 (number or text)', 'reference_year', { ...attribution, reference_year: 1999 }),
      bad('na_value over 255', 'na_value', { ...attribution, na_value: 256 }),
      bad('na_value as text', 'na_value', { ...attribution, na_value: 'none' }),
      bad('id_column not an attribute name', 'id_column', { ...attribution, id_column: 'id; drop table' }),
      bad('credentials in config', 'config', { ...attribution, config: { AWS_SECRET_ACCESS_KEY: 'x' } }),
      bad('method missing', 'method', without(attribution, 'method')),
    ],
  },
};

/** The valid examples of a service (none for a service without examples, e.g. the product services). */
export const validExamplesOf = (name: string): readonly ExampleBody[] =>
  Object.hasOwn(SERVICE_EXAMPLES, name) ? SERVICE_EXAMPLES[name]!.valid : [];
