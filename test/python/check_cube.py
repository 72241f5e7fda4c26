"""Checks a raster cube written by the store with tools nobody here wrote: Debian's python3-netCDF4, xarray and
GDAL's Python bindings. Compares coordinates, CRS and every pixel with the source GeoTIFF.

usage: /usr/bin/python3 check_cube.py CUBE.nc SOURCE.tif VARIABLE
Prints a JSON report; exits 1 when a check fails.
"""
import json
import sys

import netCDF4
import numpy as np
import xarray as xr
from osgeo import gdal, osr

cube_path, tif_path, variable = sys.argv[1:4]
report = {}

nc = netCDF4.Dataset(cube_path)
report["format"] = nc.data_model
var = nc.variables[variable]
report["dims"] = list(var.dimensions)
report["dtype"] = str(var.dtype)
report["fill_value"] = int(var._FillValue)
report["chunking"] = var.chunking()
report["deflate"] = var.filters().get("zlib")
report["grid_mapping"] = var.grid_mapping
report["conventions"] = nc.Conventions
crs = nc.variables[var.grid_mapping]
srs = osr.SpatialReference()
srs.ImportFromWkt(crs.crs_wkt)
srs.AutoIdentifyEPSG()
report["crs_epsg"] = srs.GetAuthorityCode(None)
report["grid_mapping_name"] = crs.grid_mapping_name
nc.close()

ds = xr.open_dataset(cube_path, engine="netcdf4", mask_and_scale=False)
x = ds["x"].values
y = ds["y"].values
src = gdal.Open(tif_path)
gt = src.GetGeoTransform()
expected_x = gt[0] + gt[1] * (np.arange(src.RasterXSize) + 0.5)
expected_y = gt[3] + gt[5] * (np.arange(src.RasterYSize) + 0.5)
report["x_matches"] = bool(np.allclose(x, expected_x))
report["y_matches"] = bool(np.allclose(y, expected_y))
report["time"] = [str(t)[:10] for t in ds["time"].values]
data = ds[variable].isel(time=-1).values
source = src.GetRasterBand(1).ReadAsArray()
report["shape"] = list(data.shape)
report["values_equal"] = bool(np.array_equal(data, source))
report["pixels"] = int(data.size)

ok = (
    report["format"] == "NETCDF4"
    and report["crs_epsg"] == "3035"
    and report["x_matches"]
    and report["y_matches"]
    and report["values_equal"]
    and report["fill_value"] == 255
)
report["ok"] = ok
print(json.dumps(report))
sys.exit(0 if ok else 1)
