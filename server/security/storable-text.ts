/**
 * Text that PostgreSQL cannot store must be refused where it enters, before any query: a NUL character (U+0000; not
 * allowed in `text`, nor as `\u0000` in `jsonb`) or an unpaired UTF-16 surrogate (not Unicode; the driver would
 * silently turn it into U+FFFD). Bytes that are not UTF-8 are refused when a body is decoded (`decodeUtf8`).
 * Every transport calls these on what it receives: JSON and form bodies, Basic credentials, route parameters, query
 * strings, tRPC inputs, sign-in forms.
 */
import { AppError } from '../errors';

// A NUL or a lone surrogate (with the u flag a valid pair is one code point, outside the class).
// eslint-disable-next-line no-control-regex -- finding U+0000 is the point
const UNSTORABLE = /\u0000|[\uD800-\uDFFF]/u;

/** Why a string cannot be stored, or null. */
export function unstorableReason(s: string): string | null {
  const m = UNSTORABLE.exec(s);
  if (!m) return null;
  return m[0] === '\u0000'
    ? 'contains a NUL character (U+0000), which cannot be stored'
    : 'contains an unpaired UTF-16 surrogate (not valid Unicode)';
}

/** The path (`a.b[2]`) and reason of the first string (value or key) in a parsed value that cannot be stored. */
export function findUnstorable(value: unknown, path = ''): { path: string; reason: string } | null {
  if (typeof value === 'string') {
    const reason = unstorableReason(value);
    return reason ? { path, reason } : null;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findUnstorable(value[i], `${path}[${i}]`);
      if (found) return found;
    }
    return null;
  }
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const where = path ? `${path}.${k}` : k;
      const reason = unstorableReason(k);
      if (reason) return { path: `${path || '(body)'} key ${JSON.stringify(k)}`, reason };
      const found = findUnstorable(v, where);
      if (found) return found;
    }
  }
  return null;
}

/** Throws a 400 naming where the unstorable text is (`what` names the part of the request: body, parameter…). */
export function assertStorable(value: unknown, what: string, options: { reason?: string } = {}): void {
  const found = findUnstorable(value);
  if (found) {
    throw new AppError('VALIDATION', `${what}${found.path ? ` ${found.path}` : ''}: ${found.reason}`, options);
  }
}

const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/** Decodes bytes as UTF-8, refusing anything that is not (no silent U+FFFD). */
export function decodeUtf8(bytes: Uint8Array, what: string, options: { reason?: string } = {}): string {
  try {
    return strict.decode(bytes);
  } catch {
    throw new AppError('VALIDATION', `${what} is not valid UTF-8`, options);
  }
}

/**
 * One component of application/x-www-form-urlencoded text (`+` is a space), refusing percent-escapes that are not
 * UTF-8 (URLSearchParams would turn them into U+FFFD) and text that cannot be stored.
 */
export function decodeFormComponent(s: string, what: string, options: { reason?: string } = {}): string {
  let decoded: string;
  try {
    decoded = decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    throw new AppError('VALIDATION', `${what}: malformed percent-encoding (not UTF-8)`, options);
  }
  assertStorable(decoded, what, options);
  return decoded;
}
