/** The workflows of the embedded engine, by id (= file name). */
import type { Dag } from './define-dag';
import getNationalProduct from './get_national_product';
import getProduct from './get_product';
import getProductEurope from './get_product_europe';
import ingestProduct from './ingest_product';
import productQc from './product_qc';
import vectorClassAttribution from './vector_class_attribution';

export const DAGS: Record<string, Dag> = Object.fromEntries(
  [getProduct, getNationalProduct, getProductEurope, ingestProduct, productQc, vectorClassAttribution].map((d) => [
    d.id,
    d as unknown as Dag,
  ]),
);
