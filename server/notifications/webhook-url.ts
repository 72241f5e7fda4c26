/**
 * A webhook destination as a field: the webhook's `url` (PUT /v1/webhooks) and an order's `callback_url` (the order
 * bodies of /v1/products/* and /v1/services/{service}). Syntax only: an absolute http(s) URL without credentials;
 * where it points is checked by check-destination.ts.
 */
import { z } from 'zod';
import { AppError, describeZodIssues } from '../errors';

export const webhookUrl = z
  .string({ error: 'an https URL' })
  .trim()
  .max(2048, 'at most 2048 characters')
  .refine((v) => URL.canParse(v), 'not a URL (an absolute https URL, e.g. https://example.org/hooks/clcplus)')
  .refine((v) => !URL.canParse(v) || /^https?:$/.test(new URL(v).protocol), 'only http(s) URLs (https unless allow-listed)')
  .refine((v) => {
    if (!URL.canParse(v)) return true;
    const u = new URL(v);
    return !u.username && !u.password;
  }, 'no user name or password in the URL (requests are signed instead)');

/** The optional `callback_url` of an order body, for the zod object of the product orders (order-request.ts). */
export const callbackUrlField = { callback_url: webhookUrl.optional() };

/** `callback_url` of a body read by hand (start-service.ts): the URL, undefined when absent, or a 400 naming it. */
export function readCallbackUrl(value: unknown): string | undefined {
  const parsed = webhookUrl.optional().safeParse(value);
  if (!parsed.success) {
    throw new AppError(
      'VALIDATION',
      describeZodIssues(parsed.error.issues.map((i) => ({ ...i, path: ['callback_url', ...i.path] }))),
    );
  }
  return parsed.data;
}
