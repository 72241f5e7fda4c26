/**
 * docs/user-manual.md, run as written: every fenced block whose info string has `test=<section>` is taken from the
 * manual (no copy here), the blocks of a section joined in document order into one program — one bash for `sh`, one
 * python3 for `python`, one node ES module for `js`, as a user pasting them into one shell or interpreter — and run
 * against the server with BASE_URL, CLIENT_ID and CLIENT_SECRET of a client made here, in one shared folder (the
 * `qgis` section checks the package the `curl` section downloaded). What each section downloads is then opened with
 * tools nobody here wrote: Python's zipfile, rasterio, gdalinfo, ogrinfo; their file lists must be those of
 * docs/product.md's package tables.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { newClient } from '~/playwright/fixtures/cli';
import { PY, tempDir, tool } from '~/playwright/fixtures/orders';
import { LEGEND } from '~/server/storage/legend';
import { codeBlocks, codeSpans, readDoc, tablesUnder } from '~/test/docs/markdown';

const blocks = codeBlocks(readDoc('user-manual.md')).filter((b) => b.info.test !== undefined);
const sections = [...new Set(blocks.map((b) => b.info.test!))];
const programOf = (section: string) => {
  const of = blocks.filter((b) => b.info.test === section);
  const langs = new Set(of.map((b) => b.lang));
  expect(langs.size, `the blocks of section ${section} are all one language`).toBe(1);
  return { lang: of[0]!.lang, code: of.map((b) => b.code).join('\n'), blocks: of.length };
};

const INTERPRETERS: Record<string, (code: string) => [string, string[]]> = {
  sh: (code) => ['bash', ['-euo', 'pipefail', '-c', code]],
  python: (code) => [PY, ['-c', code]],
  js: (code) => [process.execPath, ['--input-type=module', '-e', code]],
};

let dir: string;
let env: NodeJS.ProcessEnv;

/** Runs one section of the manual; returns its standard output (fails with its standard error). */
function runSection(section: string): string {
  const { lang, code } = programOf(section);
  const interpreter = INTERPRETERS[lang];
  expect(interpreter, `a runnable language for section ${section}`).toBeDefined();
  const [cmd, args] = interpreter!(code);
  const r = spawnSync(cmd, args, { cwd: dir, env, encoding: 'utf8', timeout: 150_000, maxBuffer: 16 << 20 });
  expect(r.error, `section ${section} could not run`).toBeUndefined();
  expect(r.status, `section ${section} failed:\n${r.stderr}\n${r.stdout}`).toBe(0);
  return r.stdout;
}

/** The files docs/product.md says a package holds (its tables "Raster package", "Vector package"), for a package name. */
const productDocFiles = (heading: 'Raster package' | 'Vector package', name: string) =>
  tablesUnder(readDoc('product.md'), heading)[0]!
    .rows.map((r) => codeSpans(r[0]!)[0]!.replace('<name>', name))
    .sort();

const zips = () => new Set(fs.readdirSync(dir).filter((f) => f.endsWith('.zip')));

/** The zip with Python's zipfile: every entry's CRC checks; the names, all under one folder named like the zip. */
function openZip(zip: string): string[] {
  const out = tool(
    PY,
    '-c',
    'import json, sys, zipfile\nz = zipfile.ZipFile(sys.argv[1])\nprint(json.dumps({"bad": z.testzip(), "names": z.namelist()}))',
    path.join(dir, zip),
  );
  const { bad, names } = JSON.parse(out) as { bad: string | null; names: string[] };
  expect(bad).toBeNull();
  const folder = zip.replace(/\.zip$/, '');
  for (const n of names) expect(n.startsWith(`${folder}/`)).toBe(true);
  return names.map((n) => n.slice(folder.length + 1));
}

/** Extracts the zip (Python) and checks the GeoTIFF with rasterio and gdalinfo: EPSG:3035, 10 m, the legend's colours. */
function checkRasterPackage(zip: string) {
  const files = openZip(zip);
  const name = zip.replace(/\.zip$/, '');
  expect(files.sort()).toEqual(productDocFiles('Raster package', name));
  const out = path.join(dir, `unzipped-${name}`);
  tool(PY, '-m', 'zipfile', '-e', path.join(dir, zip), out);
  const tif = path.join(out, name, `${name}.tif`);
  const rio = JSON.parse(
    tool(
      PY,
      '-c',
      [
        'import json, sys, rasterio',
        'with rasterio.open(sys.argv[1]) as s:',
        '    cm = s.colormap(1)',
        '    print(json.dumps({"epsg": s.crs.to_epsg(), "res": list(s.res), "dtype": s.dtypes[0], "nodata": s.nodata,',
        '                      "values": sorted(int(v) for v in set(s.read(1).ravel().tolist())),',
        '                      "colours": {str(k): list(v[:3]) for k, v in cm.items() if k < 256}}))',
      ].join('\n'),
      tif,
    ),
  ) as { epsg: number; res: number[]; dtype: string; nodata: number; values: number[]; colours: Record<string, number[]> };
  expect(rio).toMatchObject({ epsg: 3035, res: [10, 10], dtype: 'uint8', nodata: 255 });
  const codes = new Set(LEGEND.map((c) => c.code));
  expect(rio.values.every((v) => codes.has(v))).toBe(true);
  expect(rio.values.some((v) => v >= 1 && v <= 11)).toBe(true);
  for (const c of LEGEND.filter((l) => l.code <= 11)) expect(rio.colours[String(c.code)]).toEqual(c.rgb);
  const info = JSON.parse(tool('gdalinfo', '-json', tif)) as { metadata: { IMAGE_STRUCTURE?: { LAYOUT?: string } } };
  expect(info.metadata.IMAGE_STRUCTURE?.LAYOUT).toBe('COG');
}

/** The vector package: a GeoPackage in EPSG:3035 with the product's layer, read by ogrinfo. */
function checkVectorPackage(zip: string) {
  const files = openZip(zip);
  const name = zip.replace(/\.zip$/, '');
  expect(files.sort()).toEqual(productDocFiles('Vector package', name));
  const out = path.join(dir, `unzipped-${name}`);
  tool(PY, '-m', 'zipfile', '-e', path.join(dir, zip), out);
  const info = tool('ogrinfo', '-ro', '-so', '-al', path.join(out, name, `${name}.gpkg`));
  expect(info).toMatch(/^Layer name: clcplus_vector_2021$/m);
  expect(info).toMatch(/ID\["EPSG",3035\]/);
  expect(Number(/^Feature Count: (\d+)$/m.exec(info)?.[1])).toBeGreaterThan(0);
}

test.describe('the user manual, run as written (docs/user-manual.md)', () => {
  test.describe.configure({ mode: 'serial', timeout: 180_000 });

  test.beforeAll(({ baseURL }) => {
    const client = newClient('get_product');
    dir = tempDir('user-manual-');
    // eslint-disable-next-line no-restricted-properties -- the manual's programs inherit the environment (PATH), plus its three variables
    env = { ...process.env, BASE_URL: baseURL!, CLIENT_ID: client.client_id, CLIENT_SECRET: client.client_secret };
  });
  test.afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('has the runnable sections, in this order', () => {
    expect(sections).toEqual(['curl', 'python', 'js', 'ogc', 'qgis']);
    expect(programOf('curl').blocks).toBe(4);
  });

  test('curl: token, raster order, status, download', () => {
    const before = zips();
    const out = runSection('curl');
    expect(out).toMatch(/^order [0-9a-f-]{36}$/m);
    expect(out).toMatch(/^SUCCESS 100%$/m);
    const added = [...zips()].filter((z) => !before.has(z));
    expect(added).toHaveLength(1);
    expect(added[0]).toMatch(/^CLMS_CLCplus_RASTER_2021_010m_[0-9a-f]{32}_03035_V1_1\.zip$/);
    expect(out).toContain(`${added[0]} ${fs.statSync(path.join(dir, added[0]!)).size} bytes, sha256 `);
    checkRasterPackage(added[0]!);
  });

  test('Python requests: token, raster order (GeoJSON), status, download', () => {
    const before = zips();
    const out = runSection('python');
    expect(out).toMatch(/^Your order has been successfully submitted [0-9a-f-]{36} \d+\.\d{2} km2$/m);
    const added = [...zips()].filter((z) => !before.has(z));
    expect(added).toHaveLength(1);
    expect(out).toContain(`downloaded ${added[0]}`);
    checkRasterPackage(added[0]!);
  });

  test('JavaScript fetch: token, vector order (WKT), status, download', () => {
    const before = zips();
    const out = runSection('js');
    const added = [...zips()].filter((z) => !before.has(z));
    expect(added).toHaveLength(1);
    expect(added[0]).toMatch(/^CLMS_CLCplus_VECTOR_2021_[0-9a-f]{32}_03035_V1_1\.zip$/);
    expect(out).toContain(`downloaded ${added[0]}`);
    checkVectorPackage(added[0]!);
  });

  test('OGC API – Processes: OWSLib discovery, then execute, poll, results, download', () => {
    const before = zips();
    const out = runSection('ogc');
    expect(out).toMatch(/^conformance: \d+ classes$/m);
    expect(out).toMatch(/^processes: \['\w+'(, '\w+')*\]$/m);
    expect(out).toMatch(/^inputs of get_product: \[.*'aoi'.*'product'.*\]$/m);
    expect(out).toMatch(/^successful 100$/m);
    const added = [...zips()].filter((z) => !before.has(z));
    expect(added).toHaveLength(1);
    expect(out).toContain(`downloaded ${added[0]}`);
    checkRasterPackage(added[0]!);
  });

  test('QGIS section: the package unzipped and read by gdalinfo', () => {
    const out = runSection('qgis');
    const summary = JSON.parse(out.split('\n').find((l) => l.startsWith('{'))!) as Record<string, unknown>;
    expect(summary).toMatchObject({ crs: 3035, pixel: 10, classes: 256 });
    expect(out).toMatch(/\.qml$/m);
    expect(out).toMatch(/_aoi\.geojson$/m);
  });
});
