/**
 * The service catalogue: every service the system offers, defined once (define-service.ts). The seed syncs the
 * `services` table from it; the trigger routes, their scope checks and the JSON Schemas read it. Production services
 * carry the reference's exact parameters (reference §2.8 S1–S15) and its service ↔ DAG mapping (Appendix A).
 */
import { europeProductBody, getProductBody, nationalProductBody } from '../orders/order-request';
import { defineService, type ServiceDefinition } from './define-service';
import { vectorClassAttributionParams } from './params/attribution';
import { productQcParams } from './params/qc';
import {
  batchClassificationParams,
  harmonicsParams,
  ingestProductParams,
  retransformationParams,
  task1ClassificationParams,
  task1FeatureCalculationParams,
  task1StitchingParams,
  task2ApplyModelParams,
  task2FeatureCalculationParams,
} from './params/production';

const airflow = (dagId: string) => ({ kind: 'airflow' as const, dagId });
const perUnit = { unit: 'production_unit' as const, unitField: 'processing_unit_name' };

const batch = (stage: 'production' | 'staging' | 'test', dagId: string) =>
  defineService({
    name: `batch_classification_${stage}`,
    title: `Batch classification (${stage})`,
    description: `The batch classification production chain, ${stage} deployment (external Airflow chain).`,
    version: 1,
    engine: airflow(dagId),
    params: batchClassificationParams,
    scopes: ['batch_classification', 'gaf'],
    unit: 'none',
    visible: true,
  });

const task1Classification = (name: string, title: string, dagId: string, scopes: string[]) =>
  defineService({
    name,
    title,
    description: `${title} of a processing unit: Sentinel-2 temporal features, segmentation with the rule set, post-processing (external Airflow chain).`,
    version: 1,
    engine: airflow(dagId),
    params: task1ClassificationParams,
    scopes,
    ...perUnit,
    visible: true,
  });

const task2ApplyModel = (name: string, title: string, dagId: string) =>
  defineService({
    name,
    title,
    description: `${title}: Sentinel-1/2 temporal and pre-calculated features of a processing unit classified by a model (external Airflow chain).`,
    version: 1,
    engine: airflow(dagId),
    params: task2ApplyModelParams,
    scopes: ['apply_model_task_2'],
    ...perUnit,
    visible: true,
  });

export const CATALOGUE: readonly ServiceDefinition[] = [
  // Dissemination (their own routes under /v1/products).
  defineService({
    name: 'get_product',
    title: 'CLC+ Backbone product for an area',
    description: 'Clips the raster or vector product to an area of interest and packages it.',
    version: 1,
    engine: { kind: 'embedded', dagId: 'get_product' },
    params: getProductBody,
    scopes: ['user', 'get_product'],
    unit: 'none',
    visible: true,
    route: '/v1/products/get_product',
  }),
  defineService({
    name: 'get_national_product',
    title: 'CLC+ Backbone product for a nation',
    description: "Clips the product to a nation's boundary and delivers it in the national CRS.",
    version: 1,
    engine: { kind: 'embedded', dagId: 'get_national_product' },
    params: nationalProductBody,
    scopes: ['user', 'get_product'],
    unit: 'none',
    visible: true,
    route: '/v1/products/get_national_product',
  }),
  defineService({
    name: 'get_product_europe',
    title: 'CLC+ Backbone product for Europe',
    description: 'The whole product, packaged once per product and year and reused.',
    version: 1,
    engine: { kind: 'embedded', dagId: 'get_product_europe' },
    params: europeProductBody,
    scopes: ['user', 'get_product'],
    unit: 'none',
    visible: true,
    route: '/v1/products/get_product_europe',
  }),
  // Production: embedded.
  defineService({
    name: 'ingest_product',
    title: 'Product ingestion',
    description: 'Ingests a production unit (GeoTIFF or GeoPackage) into the product store, after its QC checks.',
    version: 1,
    engine: { kind: 'embedded', dagId: 'ingest_product' },
    params: ingestProductParams,
    scopes: ['ingest_product'],
    ...perUnit,
    sourceFields: ['source'],
    visible: false,
  }),
  defineService({
    name: 'product_qc',
    title: 'Product QC',
    description:
      "The EEA QC checks of a production unit (the store's group, or an incoming file): a QC report (JSON and Markdown) with class statistics.",
    version: 1,
    engine: { kind: 'embedded', dagId: 'product_qc' },
    params: productQcParams,
    scopes: ['ingest_product', 'product_qc'],
    ...perUnit,
    sourceFields: ['source'],
    visible: true,
  }),
  defineService({
    name: 'vector_class_attribution',
    title: 'Vector class attribution',
    description:
      'For each polygon of a vector layer, the raster classes under it (pixel centres inside): relative and absolute counts, the majority class and the area in m², as CSV with a report.',
    version: 1,
    engine: { kind: 'embedded', dagId: 'vector_class_attribution' },
    params: vectorClassAttributionParams,
    scopes: ['vector_class_attribution'],
    unit: 'sub_production_unit',
    unitField: 'subproduction_unit_name',
    sourceFields: ['vector', 'raster'],
    visible: true,
  }),
  // Production: external chains on Airflow (reference §2.8, Appendix A).
  batch('production', 'task_2_dag_production'),
  batch('staging', 'task_2_dag_staging'),
  batch('test', 'task_2_dag_test'),
  defineService({
    name: 'harmonics',
    title: 'Harmonics',
    description: 'Harmonic (seasonality) model of a Sentinel-2 band over a period, for one tile (external Airflow chain).',
    version: 1,
    engine: airflow('harmonics'),
    params: harmonicsParams,
    scopes: ['harmonics'],
    unit: 'none',
    visible: true,
  }),
  defineService({
    name: 'retransformation',
    title: 'Retransformation',
    description: 'Vector retransformation of a sub-production unit (external Airflow chain).',
    version: 1,
    engine: airflow('retransformation'),
    params: retransformationParams,
    scopes: ['user', 'retransformation'],
    unit: 'sub_production_unit',
    unitField: 'subproduction_unit_name',
    visible: true,
  }),
  task1Classification('task1_batch_classification', 'Task 1 batch classification', 'task1_batch_classification', [
    'batch_classification_task_1',
  ]),
  defineService({
    name: 'task1_feature_calculation',
    title: 'Task 1 feature calculation',
    description: 'Sentinel-2 temporal features of a processing unit (external Airflow chain).',
    version: 1,
    engine: airflow('task1_feature_calculation'),
    params: task1FeatureCalculationParams,
    scopes: ['feature_calculation_task_1'],
    ...perUnit,
    visible: true,
  }),
  task1Classification('task1_reprocessing', 'Task 1 reprocessing', 'task1_reprocessing', ['reprocessing_task_1', 'gaf']),
  task1Classification('task1_reprocessing_test', 'Task 1 reprocessing (test)', 'task1_reprocessing_test', [
    'reprocessing_task_1',
    'gaf',
  ]),
  defineService({
    name: 'task1_stitching',
    title: 'Task 1 stitching',
    description: 'Stitches the Task 1 result of a processing unit with its neighbours (external Airflow chain).',
    version: 1,
    engine: airflow('task1_stitching_dag'),
    params: task1StitchingParams,
    scopes: ['stitching_task_1', 'gaf', 'task_1'],
    ...perUnit,
    unitListFields: ['surrounding_pus'],
    visible: true,
  }),
  task2ApplyModel('task2_apply_model', 'Task 2 apply model', 'apply_model_dag'),
  task2ApplyModel('task2_apply_model_fast_lane', 'Task 2 apply model (fast lane)', 'task2_apply_model_fast_lane'),
  defineService({
    name: 'task2_feature_calculation',
    title: 'Task 2 feature calculation',
    description: 'Sentinel-1/2 temporal and pre-calculated features of a processing unit (external Airflow chain).',
    version: 1,
    engine: airflow('feature_calculation_dag'),
    params: task2FeatureCalculationParams,
    scopes: ['feature_calculation_task_2'],
    ...perUnit,
    visible: true,
  }),
];

const byName = new Map(CATALOGUE.map((s) => [s.name, s]));

/** The catalogue's service of this name, or undefined. */
export const serviceDefinition = (name: string) => byName.get(name);

/** What each scope of the catalogue allows (the seed's scope descriptions). */
export const SERVICE_SCOPES: Record<string, string> = {
  get_product: 'Order CLC+ Backbone products clipped to an area, a nation or Europe',
  ingest_product: 'Ingest production units into the product store',
  product_qc: 'Run the QC checks of production units (store groups or incoming files) and read their reports',
  vector_class_attribution: 'Run the vector class attribution service',
  retransformation: 'Run the retransformation service',
  batch_classification: 'Run the batch classification chains (production, staging, test)',
  gaf: 'Production partner GAF: batch classification, Task 1 reprocessing and stitching',
  harmonics: 'Run the harmonics service',
  batch_classification_task_1: 'Run the Task 1 batch classification',
  feature_calculation_task_1: 'Run the Task 1 feature calculation',
  reprocessing_task_1: 'Run the Task 1 reprocessing (and its test chain)',
  stitching_task_1: 'Run the Task 1 stitching',
  task_1: 'Task 1 production staff: stitching',
  apply_model_task_2: 'Run the Task 2 model application (and its fast lane)',
  feature_calculation_task_2: 'Run the Task 2 feature calculation',
};
