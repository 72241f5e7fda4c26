/**
 * The results of a successful job (results.yaml): a product's `package` by reference — the signed download link the
 * legacy status gives, with its media type and file name — and a production service's `result` by value (its tasks'
 * results, as JSON), with the package too when the service made one.
 */
import type { OrderStatusView } from '../orders/get-order-status';
import { JSON_TYPE } from './links';
import { OUTPUTS, type ProcessKind } from './process-description';

export type Results = Record<string, { href: string; type: string; title: string } | { value: unknown; mediaType: string }>;

export function resultsDocument(kind: ProcessKind, view: OrderStatusView, result: unknown): Results {
  const out: Results = {};
  if (view.result && view.package) {
    out[OUTPUTS.product.id] = { href: view.result, type: 'application/zip', title: view.package.file_name };
  }
  if (kind === 'production') {
    const { package: _package, ...rest } = (result && typeof result === 'object' ? result : {}) as Record<string, unknown>;
    out[OUTPUTS.production.id] = { value: rest, mediaType: JSON_TYPE };
  }
  return out;
}
