/**
 * `npm run licences`: writes THIRD-PARTY-LICENSES.md from package-lock.json and the installed packages'
 * package.json `license` fields (production and development dependencies apart), plus the Debian system components
 * the project runs on (licence from /usr/share/doc/<pkg>/copyright, version from dpkg-query).
 * `npm run licences -- --check` writes nothing: exit code 1 when the committed file is stale or an npm package's
 * licence is not on the allow-list (scripts/licences.test.ts runs the same check in npm test).
 *
 * The policy (docs/operations.md, "Licences"): the project is EUPL-1.2; every npm package it installs must carry a
 * licence from ALLOWED (permissive, or weak copyleft at file or library level, all compatible with distributing the
 * whole under the EUPL). An SPDX expression is allowed when it can be satisfied with allowed licences: `A OR B` needs
 * one of them, `A AND B` both, `A WITH exception` needs A.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '..');
export const OUTPUT = 'THIRD-PARTY-LICENSES.md';

/** SPDX identifiers whose packages may be installed and distributed with this EUPL-1.2 work. */
export const ALLOWED = new Set([
  'MIT',
  'MIT-0',
  'ISC',
  'BSD-2-Clause',
  'BSD-3-Clause',
  'Apache-2.0',
  '0BSD',
  'BlueOak-1.0.0',
  'CC0-1.0',
  'Unlicense',
  'Zlib',
  'Python-2.0',
  // NIST's public-domain notice with a warranty disclaimer (h5wasm): use, copy, modify, distribute.
  'NIST-Software',
  // Data only (caniuse-lite's browser tables): attribution, no copyleft.
  'CC-BY-4.0',
  // File-level copyleft: changes to its files stay MPL, our files are ours; MPL-2.0 is in the EUPL's appendix.
  'MPL-2.0',
  // Library-level copyleft, used as separate shared libraries (sharp's libvips binaries); in the EUPL's appendix.
  'LGPL-3.0-or-later',
  'EUPL-1.2',
]);

/**
 * Packages whose package.json states no SPDX identifier, with the licence read from the files they ship. Keyed by
 * name@version and the declared value, so a new version or a changed declaration is checked again.
 */
export const OVERRIDES: Record<string, { declared: string | null; licence: string; why: string }> = {
  'h5wasm@0.10.3': {
    declared: 'SEE LICENSE IN LICENSE.txt',
    licence: 'NIST-Software AND BSD-3-Clause',
    why: "LICENSE.txt: NIST's software notice for h5wasm, and the BSD-style licence of the HDF5 library it bundles",
  },
  'humanize-number@0.0.2': { declared: null, licence: 'MIT', why: 'its Readme.md, "License: MIT" (s3rver, dev only)' },
  'only@0.0.2': { declared: null, licence: 'MIT', why: 'its Readme.md, "(The MIT License)" with the text (s3rver, dev only)' },
};

export type Lock = { packages: Record<string, LockPackage> };
type LockPackage = {
  version?: string;
  license?: string;
  dev?: boolean;
  devOptional?: boolean;
  optional?: boolean;
  link?: boolean;
};

export type Pkg = { name: string; version: string; dev: boolean; licence: string | null; source: string };

type Manifest = { license?: unknown; licenses?: unknown };

/** The licence a package.json declares: `license` (a string, or the old `{type}`), or the old `licenses` array. */
function declaredIn(manifest: Manifest): string | null {
  const one = (l: unknown) => (typeof l === 'string' ? l : ((l as { type?: string } | null)?.type ?? null));
  if (manifest.license) return one(manifest.license);
  if (Array.isArray(manifest.licenses) && manifest.licenses.length) {
    const all = manifest.licenses.map(one).filter((l): l is string => !!l);
    return all.length > 1 ? `(${all.join(' OR ')})` : (all[0] ?? null);
  }
  return null;
}

/**
 * Every package of the lockfile (the root excluded), one row per name@version and kind: the licence from the
 * installed package.json when it is installed here, otherwise from the lockfile (platform packages of other
 * systems), then OVERRIDES for a declaration that is not an SPDX expression.
 */
export function collectPackages(lock: Lock, root = ROOT): Pkg[] {
  const rows = new Map<string, Pkg>();
  for (const [key, entry] of Object.entries(lock.packages)) {
    if (!key || entry.link || !entry.version) continue;
    const name = key.slice(key.lastIndexOf('node_modules/') + 'node_modules/'.length);
    const file = path.join(root, key, 'package.json');
    let declared = entry.license ?? null;
    let source = 'lockfile';
    if (fs.existsSync(file)) {
      declared = declaredIn(JSON.parse(fs.readFileSync(file, 'utf8')) as Manifest) ?? declared;
      source = 'package.json';
    }
    const override = OVERRIDES[`${name}@${entry.version}`];
    let licence = declared;
    if (override && override.declared === declared) {
      licence = override.licence;
      source = 'override';
    }
    const dev = !!(entry.dev || entry.devOptional);
    rows.set(`${name}@${entry.version}:${dev}`, { name, version: entry.version, dev, licence, source });
  }
  return [...rows.values()].sort((a, b) => a.name.localeCompare(b.name) || a.version.localeCompare(b.version));
}

/**
 * Whether an SPDX licence expression can be satisfied with ALLOWED licences. Anything that is not a valid
 * expression of known identifiers ("SEE LICENSE IN …", "UNLICENSED", a typo) is not allowed.
 */
export function isAllowed(expression: string | null, allowed: Set<string> = ALLOWED): boolean {
  if (!expression) return false;
  const tokens = expression.match(/\(|\)|[^\s()]+/g) ?? [];
  let i = 0;
  const fail = (): never => {
    throw new Error('bad expression');
  };
  const atom = (): boolean => {
    const t = tokens[i++];
    if (t === undefined) return fail();
    if (t === '(') {
      const v = or();
      if (tokens[i++] !== ')') fail();
      return v;
    }
    if (t === ')' || /^(AND|OR|WITH)$/i.test(t)) return fail();
    const v = allowed.has(t.replace(/\+$/, '')) || (t.endsWith('+') && allowed.has(`${t.slice(0, -1)}-or-later`));
    // `A WITH exception`: an exception only adds permissions, so A decides.
    if (tokens[i] === 'WITH') {
      if (tokens[i + 1] === undefined) fail();
      i += 2;
    }
    return v;
  };
  const and = (): boolean => {
    let v = atom();
    while (/^AND$/i.test(tokens[i] ?? '')) {
      i++;
      v = atom() && v;
    }
    return v;
  };
  const or = (): boolean => {
    let v = and();
    while (/^OR$/i.test(tokens[i] ?? '')) {
      i++;
      v = and() || v;
    }
    return v;
  };
  try {
    const v = or();
    return i === tokens.length && v;
  } catch {
    return false;
  }
}

/** The packages whose licence is not allowed, as `name@version: licence` lines. */
export function disallowed(pkgs: Pkg[]): string[] {
  return pkgs.filter((p) => !isAllowed(p.licence)).map((p) => `${p.name}@${p.version}: ${p.licence ?? '(none)'}`);
}

/** System components: Debian packages the project installs (scripts/prepare.sh) and runs or links. */
export const SYSTEM: { component: string; pkg: string; use: string }[] = [
  { component: 'GDAL', pkg: 'libgdal32', use: 'raster/vector I/O (gdal-async links it; gdal-bin tools)' },
  { component: 'PROJ', pkg: 'libproj25', use: 'coordinate transformations (through GDAL)' },
  { component: 'GEOS', pkg: 'libgeos-c1v5', use: 'geometry operations (through GDAL)' },
  { component: 'HDF5', pkg: 'libhdf5-103-1', use: 'netCDF-4/HDF5 files (through GDAL)' },
  { component: 'netCDF', pkg: 'libnetcdf19', use: 'netCDF products (through GDAL, netcdf-bin)' },
  { component: 'PostgreSQL', pkg: 'postgresql-15', use: 'database server' },
  { component: 'PostGIS', pkg: 'postgresql-15-postgis-3', use: 'spatial extension of the database server' },
  { component: 'Redis', pkg: 'redis-server', use: 'queues, rate limits, sessions' },
  { component: 'Chromium', pkg: 'chromium', use: 'Playwright end-to-end tests' },
  { component: 'Prometheus', pkg: 'prometheus', use: 'metrics tests (prometheus, promtool)' },
  { component: 'Python netCDF4', pkg: 'python3-netcdf4', use: 'test verifiers' },
  { component: 'Python xarray', pkg: 'python3-xarray', use: 'test verifiers' },
  { component: 'Python GDAL', pkg: 'python3-gdal', use: 'test verifiers' },
  { component: 'Python rasterio', pkg: 'python3-rasterio', use: 'test verifiers' },
  { component: 'Python OWSLib', pkg: 'python3-owslib', use: 'test verifiers (OGC clients)' },
  { component: 'Python oauthlib', pkg: 'python3-oauthlib', use: 'test verifiers (OAuth clients)' },
  { component: 'Python requests-oauthlib', pkg: 'python3-requests-oauthlib', use: 'test verifiers (OAuth clients)' },
];

/** Debian's short names (DEP-5) to SPDX. */
const DEBIAN_SPDX: Record<string, string> = {
  Expat: 'MIT',
  'BSD-3-clause': 'BSD-3-Clause',
  'BSD-2-clause': 'BSD-2-Clause',
  'GPL-2+': 'GPL-2.0-or-later',
  'LGPL-2.1+': 'LGPL-2.1-or-later',
};

export type SystemRow = { component: string; pkg: string; use: string; version: string; licence: string };

/** The licence of a Debian package: the `License:` of its copyright file's `Files: *` paragraph (else the first). */
export function debianLicence(copyright: string): string | null {
  const paragraphs = copyright.split(/\n\s*\n/);
  const main = paragraphs.find((p) => /^Files:\s*\*\s*$/m.test(p)) ?? paragraphs.find((p) => /^License:/m.test(p));
  const m = main?.match(/^License:\s*(.+)$/m);
  if (!m) return null;
  const name = m[1]!.trim();
  return DEBIAN_SPDX[name] ?? name;
}

export function systemComponents(): SystemRow[] {
  return SYSTEM.map((s) => {
    let version = 'not installed';
    try {
      version = execFileSync('dpkg-query', ['-W', '-f', '${Version}', s.pkg], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      });
    } catch {
      // not installed on this machine
    }
    const file = `/usr/share/doc/${s.pkg}/copyright`;
    const licence = (fs.existsSync(file) && debianLicence(fs.readFileSync(file, 'utf8'))) || 'unknown';
    return { ...s, version, licence };
  });
}

const table = (rows: Pkg[]) =>
  [
    '| Package | Version | Licence |',
    '|---|---|---|',
    ...rows.map((p) => `| ${p.name} | ${p.version} | ${p.licence ?? '(none)'}${p.source === 'override' ? ' ¹' : ''} |`),
  ].join('\n');

export function render(pkgs: Pkg[], system: SystemRow[]): string {
  const prod = pkgs.filter((p) => !p.dev);
  const dev = pkgs.filter((p) => p.dev);
  const notes = Object.entries(OVERRIDES)
    .filter(([id]) => pkgs.some((p) => `${p.name}@${p.version}` === id && p.source === 'override'))
    .map(([id, o]) => `- ${id} ${o.declared ? `declares "${o.declared}"` : 'declares no licence'}: ${o.why}.`);
  return `# Third-party licences

Generated by \`npm run licences\` (scripts/licences.ts) from package-lock.json and the installed packages'
package.json; do not edit. \`npm test\` fails when this file is stale or a package's licence is not allowed
(the policy: docs/operations.md, "Licences"). This project itself is licensed under the EUPL-1.2 (LICENSE).

## npm production dependencies (${prod.length})

Installed by \`npm ci --omit=dev\` and shipped with the web and the worker (platform packages of other systems
included, with the licence their lockfile entry states).

${table(prod)}

## npm development dependencies (${dev.length})

Build, lint and test tools; not part of a production installation.

${table(dev)}
${notes.length ? `\n¹ Licence read from the files the package ships:\n\n${notes.join('\n')}\n` : ''}
## System components (Debian packages)

Installed by scripts/prepare.sh from Debian and used as separate programs or shared libraries under their own
licences (from /usr/share/doc/<package>/copyright, Debian's short names mapped to SPDX). Versions are Debian 12's
current ones and are left out here, so that a security update does not make this file stale (\`dpkg-query -W <package>\`).

| Component | Debian package | Licence | Used for |
|---|---|---|---|
${system.map((s) => `| ${s.component} | ${s.pkg} | ${s.licence} | ${s.use} |`).join('\n')}
`;
}

export function readLock(root = ROOT): Lock {
  return JSON.parse(fs.readFileSync(path.join(root, 'package-lock.json'), 'utf8')) as Lock;
}

export function generate(root = ROOT): { text: string; problems: string[] } {
  const pkgs = collectPackages(readLock(root), root);
  return { text: render(pkgs, systemComponents()), problems: disallowed(pkgs) };
}

if (process.argv[1] && path.resolve(process.argv[1]) === import.meta.filename) {
  const { text, problems } = generate();
  const file = path.join(ROOT, OUTPUT);
  for (const p of problems) console.error(`licence not allowed: ${p}`);
  if (process.argv.includes('--check')) {
    const stale = !fs.existsSync(file) || fs.readFileSync(file, 'utf8') !== text;
    if (stale) console.error(`${OUTPUT} is stale: run npm run licences`);
    process.exitCode = stale || problems.length ? 1 : 0;
  } else {
    fs.writeFileSync(file, text);
    console.log(`${OUTPUT} written`);
    if (problems.length) process.exitCode = 1;
  }
}
