/**
 * docs/product.md against the code: the class tables are the legend, the file-name table is what `packageName`
 * makes, the package file tables are what `sidecarFiles` and the workflow write, the STAC property table is the
 * Item's properties, and the nations table is the seed's reference data.
 */
import { describe, expect, it } from 'vitest';
import { NATIONS } from '~/db/seed/reference-data';
import { packageName, sidecarFiles, type PackageScope } from '~/server/packages/build-package';
import { stacItem, type PackageDescription } from '~/server/packages/describe-package';
import { CLASSES, LEGEND, OUTSIDE_AREA } from '~/server/storage/legend';
import { codeSpans, readDoc, tablesUnder, type Table } from './markdown';

const doc = readDoc('product.md');
const only = (heading: string): Table => {
  const t = tablesUnder(doc, heading);
  expect(t, `one table under "${heading}"`).toHaveLength(1);
  return t[0]!;
};
const legendRows = (t: Table) => {
  expect(t.header).toEqual(['Code', 'Name', 'Colour']);
  return t.rows.map(([code, name, colour]) => ({ code: Number(code), name, color: codeSpans(colour!)[0] }));
};

const ORDER = '0b4f53e2-a1c9-4d6e-8f7a-9b0c1d2e3f40';
const description = (kind: 'raster' | 'vector', features?: number): PackageDescription => ({
  name: packageName({ kind, year: 2021, version: 'V1_1', epsg: 3035, scope: { kind: 'aoi', orderId: ORDER } }),
  kind,
  orderId: ORDER,
  productCode: `clcplus_${kind}`,
  year: 2021,
  version: 'V1_1',
  epsg: 3035,
  bbox: [4790000, 2800000, 4792000, 2802000],
  bbox4326: [16.35, 48.19, 16.38, 48.21],
  area: 'an area of interest',
  created: new Date('2026-12-08T00:00:00Z'),
  dataFile: kind === 'raster' ? 'x.tif' : 'x.gpkg',
  ...(features !== undefined ? { features } : { width: 200, height: 200 }),
});

describe('docs/product.md', () => {
  it('lists the 11 classes with the legend’s codes, names and colours', () => {
    const rows = legendRows(only('Classes'));
    expect(rows).toEqual(CLASSES.map((c) => ({ code: c.code, name: c.name, color: c.color })));
    expect(rows).toHaveLength(11);
  });

  it('lists the values that are not classes as the legend has them', () => {
    expect(legendRows(only('Values that are not classes'))).toEqual(
      LEGEND.filter((c) => c.code >= OUTSIDE_AREA).map((c) => ({ code: c.code, name: c.name, color: c.color })),
    );
  });

  it('names packages as packageName does, for every scope', () => {
    const t = only('Packages and file names');
    expect(t.header).toEqual(['Package', 'Name', 'Example']);
    const austria = NATIONS.find((n) => n.name === 'Austria')!;
    const scopes: Record<string, { scope: PackageScope; epsg: number; values: Record<string, string> }> = {
      AOI: { scope: { kind: 'aoi', orderId: ORDER }, epsg: 3035, values: { order: ORDER.replace(/-/g, '') } },
      nation: {
        scope: { kind: 'nation', fileCode: austria.fileCode },
        epsg: austria.epsg!,
        values: { cc: austria.fileCode.toLowerCase(), CC: austria.fileCode, epsg: String(austria.epsg) },
      },
      Europe: { scope: { kind: 'europe' }, epsg: 3035, values: {} },
    };
    const seen = new Set<string>();
    for (const [what, pattern, example] of t.rows) {
      const [kind, scope] = what!.split(', ') as [string, string];
      const s = scopes[scope];
      expect(s, `a scope for "${what}"`).toBeDefined();
      const name = packageName({
        kind: kind.toLowerCase() as 'raster' | 'vector',
        year: 2021,
        version: 'V1_1',
        epsg: s!.epsg,
        scope: s!.scope,
      });
      expect(codeSpans(example!), what).toEqual([name]);
      const filled = codeSpans(pattern!)[0]!.replace(
        /<(\w+)>/g,
        (_, k: string) => ({ year: '2021', version: 'V1_1', ...s!.values })[k] ?? `<${k}>`,
      );
      expect(filled, `the pattern of "${what}"`).toBe(name);
      seen.add(what!);
    }
    expect([...seen].sort()).toEqual(
      ['Raster', 'Vector'].flatMap((k) => ['AOI', 'nation', 'Europe'].map((s) => `${k}, ${s}`)).sort(),
    );
  });

  it('lists the files of each package: every sidecar the code writes, and nothing it does not', () => {
    for (const [heading, kind, data] of [
      ['Raster package', 'raster', ['.tif', '.tif.aux.xml', '.tif.vat.dbf', '.tif.vat.cpg']],
      ['Vector package', 'vector', ['.gpkg']],
    ] as const) {
      const t = only(heading);
      expect(t.header).toEqual(['File', 'What']);
      const listed = t.rows.map((r) => codeSpans(r[0]!)[0]!.replace(/^<name>/, ''));
      const d = description(kind);
      const sidecars = Object.keys(sidecarFiles(d)).map((f) => f.slice(d.name.length));
      // The AOI outline is added by the package task of AOI workflows (dags/product-tasks.ts).
      expect(listed.sort()).toEqual([...data, ...sidecars, '_aoi.geojson'].sort());
    }
  });

  it('lists every property of the STAC Item', () => {
    const t = only('Metadata');
    expect(t.header).toEqual(['Property', 'Value']);
    const listed = t.rows.map((r) => codeSpans(r[0]!)[0]!);
    const keys = new Set([
      ...Object.keys(stacItem(description('raster')).properties as object),
      ...Object.keys(stacItem(description('vector', 12)).properties as object),
    ]);
    const byName = (a: string, b: string) => a.localeCompare(b);
    expect(listed.sort(byName)).toEqual([...keys].sort(byName));
  });

  it('lists every nation with its file code and CRS as the seed has them', () => {
    const t = only('National CRSs');
    expect(t.header).toEqual(['Nation', 'File code', 'EPSG']);
    expect(
      t.rows.map(([name, code, epsg]) => ({ name, fileCode: code, epsg: /^\d+$/.test(epsg!) ? Number(epsg) : null })),
    ).toEqual(NATIONS.map((n) => ({ name: n.name, fileCode: n.fileCode, epsg: n.epsg })));
  });
});
