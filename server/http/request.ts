/** Small helpers every route handler uses: request id, client IP, bounded body parsing. */
import { type z } from 'zod';
import { AppError } from '../errors';
import { assertStorable, decodeFormComponent, decodeUtf8 } from '../security/storable-text';

export const requestIdOf = (req: Request) => {
  const given = req.headers.get('x-request-id');
  return given && /^[\w.-]{8,64}$/.test(given) ? given : crypto.randomUUID();
};

export { clientIpOf } from './client-ip';

const MAX_BODY_BYTES = 1_048_576;

/** The body as text: at most `maxBytes`, and valid UTF-8 (never silently repaired). */
async function readBody(req: Request, maxBytes: number, options: { reason?: string } = {}): Promise<string> {
  const declared = Number(req.headers.get('content-length') ?? '0');
  if (declared > maxBytes) throw new AppError('PAYLOAD_TOO_LARGE', `the request body is larger than ${maxBytes} bytes`);
  return decodeUtf8(await readAtMost(req, maxBytes), 'the request body', options);
}

/**
 * The body's bytes, read as they arrive and refused as soon as they pass `maxBytes` (a chunked body declares no
 * length). A client that goes away in the middle gets a 400 (nobody reads it) instead of an error in the log.
 */
async function readAtMost(req: Request, maxBytes: number): Promise<Uint8Array> {
  if (!req.body) return new Uint8Array();
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let length = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      length += value.byteLength;
      if (length > maxBytes) {
        await reader.cancel().catch(() => {});
        throw new AppError('PAYLOAD_TOO_LARGE', `the request body is larger than ${maxBytes} bytes`);
      }
      chunks.push(value);
    }
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('VALIDATION', 'the request body ended before it was complete (the connection was closed)');
  }
  return Buffer.concat(chunks);
}

/** Parses a JSON body with a zod schema; 415 for another content type, 400 for bad JSON or bad fields. */
export async function jsonBody<S extends z.ZodType>(req: Request, schema: S, maxBytes = MAX_BODY_BYTES): Promise<z.infer<S>> {
  const type = req.headers.get('content-type') ?? '';
  if (!/^application\/(.+\+)?json\b/i.test(type)) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'send the body as JSON (Content-Type: application/json)');
  }
  const text = await readBody(req, maxBytes);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new AppError('VALIDATION', 'the body is not valid JSON');
  }
  assertStorable(data, 'body');
  return schema.parse(data);
}

/**
 * Parses an application/x-www-form-urlencoded body (OAuth endpoints). Repeated parameters, percent-escapes that are
 * not UTF-8 and text that cannot be stored are refused.
 */
export async function formBody(req: Request, maxBytes = 65_536): Promise<Map<string, string>> {
  const type = req.headers.get('content-type') ?? '';
  if (!/^application\/x-www-form-urlencoded\b/i.test(type)) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'send the body as application/x-www-form-urlencoded');
  }
  const invalid = { reason: 'invalid_request' };
  const out = new Map<string, string>();
  for (const pair of (await readBody(req, maxBytes, invalid)).split('&')) {
    if (!pair) continue;
    const eq = pair.indexOf('=');
    const k = decodeFormComponent(eq < 0 ? pair : pair.slice(0, eq), 'a parameter name', invalid);
    const v = decodeFormComponent(eq < 0 ? '' : pair.slice(eq + 1), `parameter "${k}"`, invalid);
    if (out.has(k)) throw new AppError('VALIDATION', `parameter "${k}" is repeated`, invalid);
    out.set(k, v);
  }
  return out;
}

/** Route parameters and the query string, checked once for every route (they reach SQL as text). */
export function assertStorableRequest(req: Request, params: Record<string, string>): void {
  assertStorable(params, 'path parameter');
  const search = new URL(req.url).search.slice(1);
  for (const pair of search ? search.split('&') : []) {
    const eq = pair.indexOf('=');
    const name = decodeFormComponent(eq < 0 ? pair : pair.slice(0, eq), 'a query parameter name');
    decodeFormComponent(eq < 0 ? '' : pair.slice(eq + 1), `query parameter "${name}"`);
  }
}

/** Parses the query string with a zod schema (400 naming the parameter); a repeated parameter is refused. */
export function queryParams<S extends z.ZodType>(req: Request, schema: S): z.infer<S> {
  const out: Record<string, string> = {};
  for (const [k, v] of new URL(req.url).searchParams) {
    if (k in out) throw new AppError('VALIDATION', `${k}: give it once`);
    out[k] = v;
  }
  assertStorable(out, 'query');
  return schema.parse(out);
}
