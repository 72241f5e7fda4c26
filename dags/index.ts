/**
 * The workflows of the embedded engine, by id (= file name). The product DAGs (get_product, get_national_product,
 * get_product_europe, ingest_product) are added with the orders issue.
 */
import type { Dag } from './define-dag';

export const DAGS: Record<string, Dag> = {};
