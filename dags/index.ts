/** The workflows of the embedded engine, by id (= file name). */
import type { Dag } from './define-dag';
import getNationalProduct from './get_national_product';
import getProduct from './get_product';
import getProductEurope from './get_product_europe';

export const DAGS: Record<string, Dag> = Object.fromEntries(
  [getProduct, getNationalProduct, getProductEurope].map((d) => [d.id, d as unknown as Dag]),
);
