#!/usr/bin/python3
"""Independent class attribution with GDAL's own rasterizer (gdal.Rasterize = gdal_rasterize) and numpy.

usage: class_attribution.py VECTOR ID_FIELD RASTER [RASTER ...]
       class_attribution.py --burn-fid VECTOR ID_FIELD RASTER [RASTER ...]

For every polygon of the first layer of VECTOR: the count of each raster value under it (pixel centres inside, the
default of gdal_rasterize), printed as JSON {id: {value: count}} on stdout. The rasters are mosaicked with
gdal.BuildVRT; polygons in another CRS are reprojected by gdal_rasterize itself.

Default: each polygon is rasterized on its own (overlapping polygons each count shared pixels).
--burn-fid: one gdal_rasterize of the whole layer burning the feature index into an Int32 raster, then one
numpy.bincount; the fastest way for polygons that do not overlap (a product's polygons), the benchmark's floor.
"""
import json
import sys

import numpy as np
from osgeo import gdal, ogr

gdal.UseExceptions()


def window(gt, size, env):
    """Pixel window (col, row, w, h) of the raster covering the envelope (minx, maxx, miny, maxy), clipped."""
    x0, px, _, y0, _, py = gt
    c0 = max(0, int(np.floor((env[0] - x0) / px)))
    c1 = min(size[0], int(np.ceil((env[1] - x0) / px)))
    r0 = max(0, int(np.floor((y0 - env[3]) / -py)))
    r1 = min(size[1], int(np.ceil((y0 - env[2]) / -py)))
    return c0, r0, c1 - c0, r1 - r0


def main(argv):
    burn_fid = argv[:1] == ["--burn-fid"]
    if burn_fid:
        argv = argv[1:]
    vector, id_field, rasters = argv[0], argv[1], argv[2:]
    src = gdal.BuildVRT("", rasters) if len(rasters) > 1 else gdal.Open(rasters[0])
    gt = src.GetGeoTransform()
    size = (src.RasterXSize, src.RasterYSize)
    band = src.GetRasterBand(1)
    srs = src.GetSpatialRef()
    vds = ogr.Open(vector)
    layer = vds.GetLayer(0)
    ct = None
    if not layer.GetSpatialRef().IsSame(srs):
        ct = ogr.osr.CoordinateTransformation(layer.GetSpatialRef(), srs)
    out = {}

    if burn_fid:
        env = layer.GetExtent()
        if ct:
            raise SystemExit("--burn-fid expects the layer in the raster's CRS")
        c, r, w, h = window(gt, size, env)
        data = band.ReadAsArray(c, r, w, h)
        mem = gdal.GetDriverByName("MEM").Create("", w, h, 1, gdal.GDT_Int32)
        mem.SetGeoTransform((gt[0] + c * gt[1], gt[1], 0, gt[3] + r * gt[5], 0, gt[5]))
        mem.SetSpatialRef(srs)
        mem.GetRasterBand(1).Fill(-1)
        # Burn the feature's position in the layer + 1 (0 stays outside), through gdal_rasterize's own -sql.
        gds = gdal.OpenEx(vector, gdal.OF_VECTOR)
        geom = layer.GetGeometryColumn() or "geometry"
        q = f'SELECT ROWID + 1 AS idx, "{id_field}" AS pid, "{geom}" FROM "{layer.GetName()}"'
        gdal.Rasterize(mem, gds, SQLStatement=q, SQLDialect="SQLITE", attribute="idx")
        res = gds.ExecuteSQL(q, dialect="SQLITE")
        ids = {f.GetField("idx"): f.GetField("pid") for f in res}
        gds.ReleaseResultSet(res)
        idx = mem.GetRasterBand(1).ReadAsArray().astype(np.int64)
        inside = idx > 0
        top = max(ids) + 1
        pairs = np.bincount(idx[inside] * 256 + data[inside], minlength=top * 256).reshape(-1, 256)
        for i, pid in ids.items():
            row = pairs[i]
            out[str(pid)] = {str(v): int(row[v]) for v in np.nonzero(row)[0]}
        json.dump(out, sys.stdout)
        return

    mem_drv = gdal.GetDriverByName("MEM")
    vec_mem = gdal.GetDriverByName("Memory")
    for f in layer:
        g = f.GetGeometryRef()
        if g is None or g.IsEmpty():
            continue
        g = g.Clone()
        if ct:
            g.Transform(ct)
        c, r, w, h = window(gt, size, g.GetEnvelope())
        counts = {}
        if w > 0 and h > 0:
            mask_ds = mem_drv.Create("", w, h, 1, gdal.GDT_Byte)
            mask_ds.SetGeoTransform((gt[0] + c * gt[1], gt[1], 0, gt[3] + r * gt[5], 0, gt[5]))
            mask_ds.SetSpatialRef(srs)
            one = vec_mem.Create("one", 0, 0, 0, gdal.GDT_Unknown)
            lyr = one.CreateLayer("one", srs, ogr.wkbMultiPolygon)
            feat = ogr.Feature(lyr.GetLayerDefn())
            feat.SetGeometry(g)
            lyr.CreateFeature(feat)
            gdal.Rasterize(mask_ds, one, burnValues=[1])
            mask = mask_ds.GetRasterBand(1).ReadAsArray() == 1
            data = band.ReadAsArray(c, r, w, h)
            hist = np.bincount(data[mask].astype(np.int64), minlength=256)
            counts = {str(v): int(hist[v]) for v in np.nonzero(hist)[0]}
        out[str(f.GetField(id_field))] = counts
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1:])
