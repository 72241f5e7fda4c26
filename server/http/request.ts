/** Small helpers every route handler uses: request id, client IP, bounded body parsing. */
import { type z } from 'zod';
import { AppError } from '../errors';

export const requestIdOf = (req: Request) => {
  const given = req.headers.get('x-request-id');
  return given && /^[\w.-]{8,64}$/.test(given) ? given : crypto.randomUUID();
};

export { clientIpOf } from './client-ip';

const MAX_BODY_BYTES = 1_048_576;

async function readBody(req: Request, maxBytes: number): Promise<string> {
  const declared = Number(req.headers.get('content-length') ?? '0');
  if (declared > maxBytes) throw new AppError('PAYLOAD_TOO_LARGE', `the request body is larger than ${maxBytes} bytes`);
  const text = await req.text();
  if (Buffer.byteLength(text) > maxBytes)
    throw new AppError('PAYLOAD_TOO_LARGE', `the request body is larger than ${maxBytes} bytes`);
  return text;
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
  return schema.parse(data);
}

/** Parses an application/x-www-form-urlencoded body (OAuth endpoints). Repeated parameters are refused. */
export async function formBody(req: Request, maxBytes = 65_536): Promise<Map<string, string>> {
  const type = req.headers.get('content-type') ?? '';
  if (!/^application\/x-www-form-urlencoded\b/i.test(type)) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'send the body as application/x-www-form-urlencoded');
  }
  const params = new URLSearchParams(await readBody(req, maxBytes));
  const out = new Map<string, string>();
  for (const [k, v] of params) {
    if (out.has(k)) throw new AppError('VALIDATION', `parameter "${k}" is repeated`, { reason: 'invalid_request' });
    out.set(k, v);
  }
  return out;
}
