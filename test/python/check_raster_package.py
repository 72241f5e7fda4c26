"""Checks a raster package's GeoTIFF with tools nobody here wrote: Debian's python3-rasterio (CRS, grid, overviews,
colour map, pixels) and GDAL's own COG validator (osgeo_utils). Optionally compares every pixel with a reference
raster (e.g. gdalwarp -cutline of the same area from the same store).

usage: /usr/bin/python3 check_raster_package.py PACKAGE.tif [REFERENCE.tif]
Prints a JSON report.
"""
import json
import sys

import numpy as np
import rasterio
from osgeo_utils.samples.validate_cloud_optimized_geotiff import validate

path = sys.argv[1]
reference = sys.argv[2] if len(sys.argv) > 2 else None
report = {}
with rasterio.open(path) as src:
    report["epsg"] = src.crs.to_epsg()
    report["res"] = list(src.res)
    report["origin"] = [src.transform.c, src.transform.f]
    report["size"] = [src.width, src.height]
    report["dtype"] = src.dtypes[0]
    report["nodata"] = src.nodata
    report["compression"] = src.compression.value if src.compression else None
    report["overviews"] = src.overviews(1)
    report["block_shapes"] = [list(s) for s in src.block_shapes]
    cmap = src.colormap(1)
    report["colormap"] = {str(k): list(v) for k, v in cmap.items() if k in range(1, 12) or k in (254, 255)}
    data = src.read(1)
    values, counts = np.unique(data, return_counts=True)
    report["counts"] = {str(int(v)): int(c) for v, c in zip(values, counts)}
    if reference:
        with rasterio.open(reference) as ref:
            r = ref.read(1)
            report["reference_size"] = [ref.width, ref.height]
            report["reference_origin"] = [ref.transform.c, ref.transform.f]
            report["same_grid"] = ref.width == src.width and ref.height == src.height and ref.transform == src.transform
            report["identical_pixels"] = int((r == data).sum()) if r.shape == data.shape else 0
            report["total_pixels"] = int(data.size)
warnings, errors, _ = validate(path, full_check=True)
report["cog_errors"] = errors
report["cog_warnings"] = warnings
print(json.dumps(report))
