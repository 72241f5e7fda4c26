/**
 * The vector product of a unit, derived from its raster as the real one is: small patches are merged into their
 * neighbours (GDAL sieve, minimum mapping unit 0.5 ha = 50 pixels), then each patch becomes a polygon (GDAL
 * polygonize) with its class code, class name and area, in a GeoPackage in EPSG:3035.
 */
import gdal from '~/server/geo/gdal';
import { LEGEND, NODATA } from '../legend';
import { STORE_EPSG } from '../grid';

export const MMU_PIXELS = 50;

export async function polygonizeUnit(tif: string, gpkg: string): Promise<number> {
  const src = gdal.open(tif);
  const { x, y } = src.rasterSize;
  const mem = gdal.open('sieved', 'w', 'MEM', x, y, 1, gdal.GDT_Byte);
  const out = gdal.open(gpkg, 'w', 'GPKG');
  try {
    mem.geoTransform = src.geoTransform;
    mem.srs = src.srs;
    const band = mem.bands.get(1);
    await band.pixels.writeAsync(0, 0, x, y, (await src.bands.get(1).pixels.readAsync(0, 0, x, y)) as Uint8Array);
    // 4-connected patches: polygonize then yields valid polygons (8-connected ones touch at corners).
    await gdal.sieveFilterAsync({ src: band, dst: band, threshold: MMU_PIXELS, connectedness: 4 });
    const layer = out.layers.create('clcplus', gdal.SpatialReference.fromEPSG(STORE_EPSG), gdal.wkbPolygon);
    layer.fields.add(new gdal.FieldDefn('class', gdal.OFTInteger));
    await gdal.polygonizeAsync({ src: band, dst: layer, pixValField: 0, connectedness: 4 });
    // Class names and areas; no-data patches removed.
    layer.fields.add(new gdal.FieldDefn('class_name', gdal.OFTString));
    layer.fields.add(new gdal.FieldDefn('area_m2', gdal.OFTReal));
    const drop: number[] = [];
    let n = 0;
    for (const f of layer.features) {
      const code = f.fields.get('class') as number;
      if (code === NODATA) {
        drop.push(f.fid);
        continue;
      }
      f.fields.set('class_name', LEGEND.find((c) => c.code === code)?.name ?? '');
      f.fields.set('area_m2', (f.getGeometry() as unknown as { getArea(): number }).getArea());
      layer.features.set(f);
      n++;
    }
    for (const fid of drop) layer.features.remove(fid);
    return n;
  } finally {
    out.close();
    mem.close();
    src.close();
  }
}
