"""Compares two cuts of the same raster on the same pixel grid (e.g. our package's COG and gdalwarp -cutline
-crop_to_cutline of the same area), with Debian's python3-rasterio and numpy. The extents may differ: pixels are
compared on the common window, and every pixel outside it must be nodata in the file that has it.

usage: /usr/bin/python3 compare_cut.py OURS.tif REFERENCE.tif
Prints a JSON report: same_grid (same size and transform), aligned (same resolution, origins a whole number of pixels
apart), common_pixels, differing (pixels of the common window whose values differ), data_outside_common (pixels
that are not nodata outside the common window, for each file), data_pixels (not nodata, for each file).
"""
import json
import sys

import numpy as np
import rasterio
from rasterio.windows import Window


def read(path):
    with rasterio.open(path) as src:
        return src.read(1), src.transform, src.nodata


a, ta, na = read(sys.argv[1])
b, tb, nb = read(sys.argv[2])
report = {
    "same_grid": a.shape == b.shape and ta == tb,
    "sizes": [list(a.shape[::-1]), list(b.shape[::-1])],
    "origins": [[ta.c, ta.f], [tb.c, tb.f]],
}
res = ta.a
dx = (tb.c - ta.c) / res
dy = (ta.f - tb.f) / res
report["aligned"] = ta.a == tb.a and ta.e == tb.e and dx == round(dx) and dy == round(dy)
if report["aligned"]:
    dx, dy = int(round(dx)), int(round(dy))
    # The common window in a's pixel coordinates.
    c0, r0 = max(0, dx), max(0, dy)
    c1, r1 = min(a.shape[1], dx + b.shape[1]), min(a.shape[0], dy + b.shape[0])
    ca = a[r0:r1, c0:c1]
    cb = b[r0 - dy : r1 - dy, c0 - dx : c1 - dx]
    neq = ca != cb
    report["common_pixels"] = int(ca.size)
    report["differing"] = int(neq.sum())
    report["differing_ours_data"] = int((neq & (ca != na)).sum())
    report["differing_reference_data"] = int((neq & (cb != nb)).sum())

    def outside(arr, nodata, r0, r1, c0, c1):
        inside = int((arr[r0:r1, c0:c1] != nodata).sum())
        return int((arr != nodata).sum()) - inside

    report["data_outside_common"] = [
        outside(a, na, r0, r1, c0, c1),
        outside(b, nb, r0 - dy, r1 - dy, c0 - dx, c1 - dx),
    ]
report["data_pixels"] = [int((a != na).sum()), int((b != nb).sum())]
print(json.dumps(report))
