/**
 * Which input files a production service may read (ingestion, class attribution): a request names a file, and it is
 * read only when it lies under one of the configured roots (env SOURCE_ROOTS): a local folder, an S3 prefix
 * (`/vsis3/bucket/prefix`) or an http(s) URL prefix. The answer is the path GDAL opens. Local paths are resolved
 * through symbolic links before the check, `..` never appears in a remote path, and no request carries credentials
 * (GDAL reads them from the worker's environment), so a request cannot make the server read or fetch anything else.
 */
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../errors';

export type SourceRoot = { kind: 'local'; dir: string } | { kind: 's3'; prefix: string } | { kind: 'http'; prefix: string };

const S3 = /^\/vsis3\/[a-z0-9][a-z0-9.-]{1,62}(\/|$)/;

/** SOURCE_ROOTS (comma-separated) as roots; local folders resolved against `cwd`. */
export function parseSourceRoots(value: string, cwd = process.cwd()): SourceRoot[] {
  return value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((r): SourceRoot => {
      if (r.startsWith('/vsis3/')) {
        if (!S3.test(r)) throw new Error(`SOURCE_ROOTS: ${r} is not /vsis3/<bucket>[/prefix]`);
        return { kind: 's3', prefix: r.endsWith('/') ? r : `${r}/` };
      }
      if (/^https?:\/\//i.test(r)) {
        const u = new URL(r);
        return { kind: 'http', prefix: u.href.endsWith('/') ? u.href : `${u.href}/` };
      }
      return { kind: 'local', dir: path.resolve(cwd, r) };
    });
}

const within = (dir: string, file: string) => {
  const rel = path.relative(dir, file);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
};

const refuse = (field: string, message: string) =>
  new AppError('VALIDATION', `${field}: ${message}`, { reason: 'SOURCE_NOT_ALLOWED' });

/**
 * The GDAL path of `source` (a local path, `/vsis3/…`, `/vsicurl/http…` or `http…`), or a 400 naming `field` when it
 * is outside every root or, for a local file, missing.
 */
export function resolveSource(source: string, roots: SourceRoot[], field = 'source'): string {
  if (source.includes('\0') || /[\r\n]/.test(source)) throw refuse(field, 'control characters are not allowed');
  const where = roots.length
    ? `allowed: ${roots.map((r) => (r.kind === 'local' ? r.dir : r.prefix)).join(', ')}`
    : 'no source is allowed (SOURCE_ROOTS is empty)';
  const remote = source.startsWith('/vsicurl/') ? source.slice('/vsicurl/'.length) : source;
  if (/^https?:\/\//i.test(remote)) {
    let url: URL;
    try {
      url = new URL(remote);
    } catch {
      throw refuse(field, 'not a valid URL');
    }
    if (url.username || url.password) throw refuse(field, 'credentials are never taken from a request; remove them from the URL');
    if (remote.includes('/../') || remote.includes('/./')) throw refuse(field, "a URL with '..' or '.' segments is not allowed");
    if (!roots.some((r) => r.kind === 'http' && url.href.startsWith(r.prefix)))
      throw refuse(field, `${url.href} is not allowed (${where})`);
    return `/vsicurl/${url.href}`;
  }
  if (source.startsWith('/vsis3/')) {
    if (!S3.test(source) || source.split('/').some((s) => s === '..' || s === '.'))
      throw refuse(field, 'give /vsis3/<bucket>/<key> without . or .. segments');
    if (!roots.some((r) => r.kind === 's3' && source.startsWith(r.prefix)))
      throw refuse(field, `${source} is not allowed (${where})`);
    return source;
  }
  if (source.startsWith('/vsi')) throw refuse(field, 'only local paths, /vsis3/ and /vsicurl/ (http, https) are read');
  const local = roots.filter((r): r is Extract<SourceRoot, { kind: 'local' }> => r.kind === 'local');
  const abs = path.isAbsolute(source) ? path.normalize(source) : null;
  const candidates = abs ? [abs] : local.map((r) => path.resolve(r.dir, source));
  let missing: string | null = null;
  for (const file of candidates) {
    const root = local.find((r) => within(r.dir, file));
    if (!root) continue;
    let real: string;
    try {
      real = fs.realpathSync(file);
    } catch {
      missing ??= root.dir;
      continue;
    }
    // A symbolic link must not lead out of the roots.
    if (!local.some((r) => within(safeRealpath(r.dir), real))) throw refuse(field, `${source} leads outside the allowed folders`);
    if (!fs.statSync(real).isFile()) throw refuse(field, `${source} is not a file`);
    return real;
  }
  if (missing) throw refuse(field, `${source}: no such file under ${missing}`);
  throw refuse(field, `${source} is not allowed (${where})`);
}

const safeRealpath = (dir: string) => {
  try {
    return fs.realpathSync(dir);
  } catch {
    return dir;
  }
};
