/**
 * The user manual's four steps with curl (token → order → status → download) against web + worker, and the
 * packages checked with tools nobody here wrote: gdalinfo, gdalwarp, ogr2ogr, ogrinfo, Debian's python3-rasterio,
 * GDAL's COG validator, Python's zipfile, PostGIS.
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import postgres from 'postgres';
import { env } from '~/server/env.js';
import { newClient } from '~/playwright/fixtures/cli';
import {
  aoiFile,
  curl,
  curlJson,
  gdalwarpFromStore,
  manualToken,
  orderAndDownload,
  pollStatus,
  PY,
  root,
  sha256,
  storeFiles,
  tool,
  wkt,
  type Accepted,
  type OrderStatus,
} from '~/playwright/fixtures/orders';

// South of central Vienna, about 9 km × 9 km, an irregular pentagon (so the mask matters), inside the demo store.
const RING: [number, number][] = [
  [16.3, 48.15],
  [16.42, 48.14],
  [16.44, 48.2],
  [16.38, 48.23],
  [16.31, 48.21],
  [16.3, 48.15],
];

const gdalinfo = (file: string) => JSON.parse(tool('gdalinfo', '-json', '-mdd', 'all', file));
const checkRaster = (tif: string, reference?: string) =>
  JSON.parse(tool(PY, path.join(root, 'test/python/check_raster_package.py'), tif, ...(reference ? [reference] : [])));

/** The attribute table as gdalinfo reads it from the .aux.xml: value → count, and the class names. */
function ratOf(info: { rat?: unknown; bands: { rat?: unknown }[] }) {
  const rat = (info.rat ?? info.bands[0]!.rat) as { fieldDefn: { name: string }[]; row: { f: (string | number)[] }[] };
  expect(rat.fieldDefn.map((f) => f.name)).toEqual(['value', 'count', 'class_name']);
  return Object.fromEntries(rat.row.map((r) => [String(r.f[0]), { count: Number(r.f[1]), name: String(r.f[2]) }]));
}

test.describe('orders over HTTP (the user manual with curl)', () => {
  test.describe.configure({ timeout: 180_000 });

  test('raster: COG on the 10 m grid, colours and attribute table, pixels identical to gdalwarp -cutline', async ({
    baseURL,
  }) => {
    const o = await orderAndDownload(baseURL!, { product: 'Raster', aoi: wkt(RING) });
    expect(o.accepted.links.area).toMatch(/^\d+\.\d{2} km2$/);
    expect(o.name).toBe(`CLMS_CLCplus_RASTER_2021_010m_${o.accepted.order_id.replace(/-/g, '')}_03035_V1_1`);
    expect(fs.readdirSync(o.folder).sort()).toEqual(
      [
        '.tif',
        '.tif.aux.xml',
        '.tif.vat.dbf',
        '.tif.vat.cpg',
        '.qml',
        '.sld',
        '.txt',
        '_legend.csv',
        '.xml',
        '.json',
        '_aoi.geojson',
      ]
        .map((s) => o.name + s)
        .sort(),
    );
    const tif = path.join(o.folder, `${o.name}.tif`);

    // gdalinfo: EPSG:3035, 10 m, origin on the grid, COG layout, DEFLATE, colour table, attribute table.
    const info = gdalinfo(tif);
    expect(info.stac['proj:epsg']).toBe(3035);
    const [x0, px, , y0, , py] = info.geoTransform as number[];
    expect([px, py]).toEqual([10, -10]);
    expect(x0! % 10).toBe(0);
    expect(y0! % 10).toBe(0);
    expect(info.metadata.IMAGE_STRUCTURE).toMatchObject({ LAYOUT: 'COG', COMPRESSION: 'DEFLATE' });
    expect(info.bands[0].overviews.length).toBeGreaterThan(0);
    expect(info.bands[0].noDataValue).toBe(255);
    const ct = info.bands[0].colorTable.entries as number[][];
    expect(ct[1]).toEqual([255, 1, 0, 255]); // Sealed, #FF0100
    expect(ct[10]).toEqual([0, 128, 255, 255]); // Water, #0080FF
    const rat = ratOf(info);
    expect(rat['1']!.name).toBe('Sealed');

    // gdalwarp -cutline of the same AOI, in EPSG:4326 (GDAL densifies it), from the same store files.
    const ref = gdalwarpFromStore(o.dir, aoiFile(o.dir, { type: 'Polygon', coordinates: [RING] }), 'gdalwarp.tif');

    // rasterio + the COG validator: the grid, the overviews, the colours, every pixel.
    const r = checkRaster(tif, ref);
    expect(r).toMatchObject({ epsg: 3035, res: [10, 10], dtype: 'uint8', nodata: 255, compression: 'DEFLATE', cog_errors: [] });
    expect(r.overviews.length).toBeGreaterThan(0);
    expect(r.colormap['11']).toEqual([0, 255, 255, 255]);
    expect(r.same_grid).toBe(true);
    expect(r.identical_pixels).toBe(r.total_pixels);
    expect(r.total_pixels).toBeGreaterThan(500_000);
    // The attribute table's counts are the pixels of each class.
    for (const [value, count] of Object.entries(r.counts as Record<string, number>)) {
      if (value !== '255') expect(rat[value]?.count, `class ${value}`).toBe(count);
    }
    for (const [value, row] of Object.entries(rat)) expect(row.count).toBe(r.counts[value] ?? 0);

    // Sidecars parse with their own tools: the STAC Item, the ISO XML, the DBF attribute table.
    const stac = JSON.parse(fs.readFileSync(path.join(o.folder, `${o.name}.json`), 'utf8'));
    expect(stac).toMatchObject({
      type: 'Feature',
      stac_version: '1.0.0',
      properties: { 'proj:epsg': 3035, 'clcplus:order_id': o.accepted.order_id },
    });
    tool(PY, '-c', 'import sys, xml.dom.minidom as m; m.parse(sys.argv[1])', path.join(o.folder, `${o.name}.xml`));
    expect(fs.readFileSync(path.join(o.folder, `${o.name}.xml`), 'utf8')).toContain(o.accepted.order_id);
    expect(tool('ogrinfo', '-al', '-q', path.join(o.folder, `${o.name}.tif.vat.dbf`))).toMatch(/Class_name \(String\) = Sealed/);
  });

  test('vector: clipped, valid polygons inside the AOI, per-class area equal to PostGIS ST_Intersection', async ({ baseURL }) => {
    const o = await orderAndDownload(baseURL!, { product: 'Vector', aoi: wkt(RING) });
    expect(o.name).toBe(`CLMS_CLCplus_VECTOR_2021_${o.accepted.order_id.replace(/-/g, '')}_03035_V1_1`);
    const gpkg = path.join(o.folder, `${o.name}.gpkg`);
    const summary = tool('ogrinfo', '-so', '-al', gpkg);
    expect(summary).toMatch(/Layer name: clcplus_vector_2021/);
    expect(summary).toMatch(/Geometry: Multi Polygon/);
    expect(summary).toMatch(/ID\["EPSG",3035\]/);
    expect(summary).toMatch(/class: Integer/);
    const count = Number(/Feature Count: (\d+)/.exec(summary)![1]);
    expect(count).toBeGreaterThan(50);
    expect(tool('ogrinfo', '-q', gpkg, '-sql', "SELECT HasSpatialIndex('clcplus_vector_2021', 'geom')")).toMatch(
      /HasSpatialIndex \(Integer\) = 1/,
    );

    // PostGIS: the package and the store's features side by side.
    const sql = postgres(env.DATABASE_URL, { max: 1, onnotice: () => {} });
    const suffix = o.accepted.order_id.slice(0, 8);
    const u = new URL(env.DATABASE_URL);
    // libpq keywords (GDAL appends to a URI and breaks it); the local test database's generated password.
    const pg = `PG:host=${u.hostname} port=${u.port || 5432} dbname=${u.pathname.slice(1)} user=${decodeURIComponent(u.username)} password=${decodeURIComponent(u.password)}`;
    try {
      tool('ogr2ogr', '-f', 'PostgreSQL', pg, gpkg, '-nln', `t_pkg_${suffix}`, '-lco', 'GEOMETRY_NAME=geom');
      // The first file creates the table (with its creation options), the others append to it.
      storeFiles('clcplus_vector').forEach((f, i) => {
        const create = i === 0 ? ['-lco', 'GEOMETRY_NAME=geom'] : ['-append'];
        tool(
          'ogr2ogr',
          '-f',
          'PostgreSQL',
          pg,
          f,
          '-nln',
          `t_src_${suffix}`,
          ...create,
          '-nlt',
          'MULTIPOLYGON',
          '-a_srs',
          'EPSG:3035',
        );
      });
      // The AOI densified by PostGIS (5e-5°, ≤ 5.6 m): its edges are straight in lon/lat.
      const aoi = sql`ST_Transform(ST_Segmentize(ST_GeomFromText(${wkt(RING)}, 4326), 5e-5), 3035)`;
      const [q] = await sql<{ n: number; invalid: number; outside: number }[]>`
        select count(*)::int as n,
          count(*) filter (where not ST_IsValid(geom))::int as invalid,
          count(*) filter (where not ST_CoveredBy(geom, ST_Buffer(${aoi}, 0.01)))::int as outside
        from ${sql(`t_pkg_${suffix}`)}`;
      expect(q).toEqual({ n: count, invalid: 0, outside: 0 });
      const got = await sql<{ class: number; area: number }[]>`
        select class, sum(ST_Area(geom)) as area from ${sql(`t_pkg_${suffix}`)} group by class order by class`;
      const want = await sql<{ class: number; area: number }[]>`
        select class, sum(ST_Area(ST_Intersection(geom, ${aoi}))) as area from ${sql(`t_src_${suffix}`)}
        where ST_Intersects(geom, ${aoi}) group by class having sum(ST_Area(ST_Intersection(geom, ${aoi}))) > 0 order by class`;
      expect(got.map((g) => g.class)).toEqual(want.map((w) => w.class));
      for (const [i, w] of want.entries()) {
        expect(Math.abs(got[i]!.area - w.area) / w.area, `class ${w.class}`).toBeLessThan(1e-4);
      }
    } finally {
      await sql.unsafe(`drop table if exists "t_pkg_${suffix}", "t_src_${suffix}"`);
      await sql.end();
    }
  });

  test("national: the nation's CRS (Austria, EPSG:31287), aligned 10 m pixels, RAT counts, pixels identical to gdalwarp", async ({
    baseURL,
  }) => {
    const o = await orderAndDownload(baseURL!, { product: 'Raster', nation: 'austria' }, 'get_national_product');
    expect(o.name).toBe('CLMS_CLCplus_RASTER_2021_010m_at_31287_V1_1');
    const tif = path.join(o.folder, `${o.name}.tif`);
    const r = checkRaster(tif);
    expect(r).toMatchObject({ epsg: 31287, res: [10, 10], nodata: 255, cog_errors: [] });
    expect(r.origin[0] % 10).toBe(0);
    expect(r.origin[1] % 10).toBe(0);
    const rat = ratOf(gdalinfo(tif));
    for (const [value, count] of Object.entries(r.counts as Record<string, number>)) {
      if (value !== '255') expect(rat[value]?.count).toBe(count);
    }
    expect(Object.keys(r.counts).length).toBeGreaterThan(3);

    // gdalwarp to EPSG:31287 of the same store files, cut to Austria where the store has data: intersected by PostGIS
    // in lon/lat (the boundary's edges are straight there; the store's extent densified to 10 m first), then given to
    // gdalwarp in EPSG:4326, which densifies it itself.
    const sql = postgres(env.DATABASE_URL, { max: 1, onnotice: () => {} });
    try {
      const [cut] = await sql<{ g: string }[]>`
        select ST_AsGeoJSON(ST_Intersection(n.boundary, ST_Transform(ST_Segmentize(
          (select ST_Union(g.extent) from store_groups g join products p on p.id = g.product_id
           where p.code = 'clcplus_raster' and p.reference_year = 2021), 10), 4326)), 15) as g
        from nations n where n.name = 'Austria'`;
      const cutline = aoiFile(o.dir, JSON.parse(cut!.g), 'austria-cut.geojson');
      const ref = gdalwarpFromStore(o.dir, cutline, 'gdalwarp-31287.tif', 'EPSG:31287');
      const cmp = checkRaster(tif, ref);
      expect(cmp.same_grid).toBe(true);
      expect(cmp.identical_pixels).toBe(cmp.total_pixels);
    } finally {
      await sql.end();
    }
  });

  test('downloads: resumable with Range, ETag; refused to other clients, without a token, tampered or unknown', async ({
    baseURL,
    request,
  }) => {
    const o = await orderAndDownload(baseURL!, { product: 'Raster', aoi: wkt(RING) });
    const auth = { authorization: `Bearer ${o.token}` };
    const url = o.status.result!;
    const size = o.status.package!.bytes;
    // Resume: the second half by Range, appended to the first, gives the same file.
    const part = path.join(o.dir, 'part.zip');
    curl('-f', '-r', `0-${Math.floor(size / 2) - 1}`, '-o', part, '-H', `Authorization: bearer ${o.token}`, url);
    expect(fs.statSync(part).size).toBe(Math.floor(size / 2));
    curl('-f', '-C', '-', '-o', part, '-H', `Authorization: bearer ${o.token}`, url);
    expect(sha256(part)).toBe(o.status.package!.sha256);
    const ranged = await request.get(url, { headers: { ...auth, range: 'bytes=10-19' } });
    expect(ranged.status()).toBe(206);
    expect(ranged.headers()['content-range']).toBe(`bytes 10-19/${size}`);
    expect(ranged.headers()['content-length']).toBe('10');
    expect((await ranged.body()).equals(fs.readFileSync(o.zip).subarray(10, 20))).toBe(true);
    const etag = ranged.headers()['etag']!;
    expect(etag).toBe(`"${o.status.package!.sha256}"`);
    expect((await request.get(url, { headers: { ...auth, 'if-none-match': etag } })).status()).toBe(304);
    expect((await request.get(url, { headers: { ...auth, range: `bytes=${size + 10}-` } })).status()).toBe(416);
    const full = await request.get(url, { headers: auth });
    expect(full.headers()['content-length']).toBe(String(size));
    const head = await request.head(url, { headers: auth });
    expect(head.status()).toBe(200);
    expect(head.headers()['content-length']).toBe(String(size));
    expect(head.headers()['content-disposition']).toBe(`attachment; filename="${o.status.package!.file_name}"`);

    // Not the owner: 404, like an unknown order; no token: 401; tampered or unknown token: 404.
    const other = newClient('get_product');
    const otherToken = manualToken(baseURL!, other);
    expect((await request.get(url, { headers: { authorization: `Bearer ${otherToken}` } })).status()).toBe(404);
    expect((await request.get(url)).status()).toBe(401);
    const [prefix, token] = url.split('/downloads/') as [string, string];
    const parts = token.split('.');
    const tampered = `${prefix}/downloads/${[parts[0], parts[1], Number(parts[2]) + 3600, parts[3]].join('.')}`;
    const t = await request.get(tampered, { headers: auth });
    expect(t.status()).toBe(404);
    expect((await t.json()).detail).toBe('this download link is not valid');
    expect((await request.get(`${baseURL}/downloads/not-a-token`, { headers: auth })).status()).toBe(404);
    // The other client cannot see the order's status either.
    const s = await request.get(`${baseURL}${o.accepted.links.href}`, { headers: { authorization: `Bearer ${otherToken}` } });
    expect(s.status()).toBe(404);
    expect(s.headers()['content-type']).toMatch(/application\/problem\+json/);
  });

  test('the status shape of the reference, plus progress, times and the package', async ({ baseURL }) => {
    const client = newClient('get_product');
    const token = manualToken(baseURL!, client);
    const accepted = curlJson<Accepted>(
      ...[
        '-X',
        'POST',
        `${baseURL}/v1/products/get_product`,
        '-H',
        `Authorization: bearer ${token}`,
        '-H',
        'Content-Type: application/json',
      ],
      ...['-d', JSON.stringify({ product: 'Raster', aoi: [16.36, 48.2, 16.38, 48.21] })],
    );
    const s: OrderStatus & Record<string, unknown> = await pollStatus(baseURL!, accepted.links.href, token);
    expect(Object.keys(s).slice(0, 3)).toEqual(['order_id', 'status', 'result']);
    expect(s).toMatchObject({ order_id: accepted.order_id, status: 'SUCCESS', progress: 100, service: 'get_product' });
    expect(Date.parse(s.stopped_at as string)).toBeGreaterThanOrEqual(Date.parse(s.submitted_at as string));
  });
});
