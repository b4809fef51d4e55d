# Per-ROI pixel counts of a PlaneSegmentation read with h5py (independent of the TypeScript reader):
# pixels with weight > 0 that lie inside the imaging plane (image_mask's [x, y] extent), counted
# once each, from pixel_mask (preferred, as the widget does) or image_mask. Usage: roi_masks.py FILE.nwb /path/to/PlaneSegmentation → {"ids": [...], "pixels": [...]}
import json
import sys

import h5py
import numpy as np

f = h5py.File(sys.argv[1], "r")
ps = f[sys.argv[2]]
ids = [int(i) for i in ps["id"][()]]
counts = []
nx, ny = (int(sys.argv[3]), int(sys.argv[4])) if len(sys.argv) > 4 else ps["image_mask"].shape[1:3]
if "pixel_mask" in ps:
    pm = ps["pixel_mask"][()]
    if pm.dtype.names is None:  # DANDI:000048 stores pixel_mask as a plain (N, 3) array
        pm = [{"x": r[0], "y": r[1], "weight": r[2]} for r in pm]
    ends = ps["pixel_mask_index"][()]
    start = 0
    for end in ends:
        rows = pm[start:end]
        pixels = {(int(round(r["x"])), int(round(r["y"]))) for r in rows if r["weight"] > 0}
        counts.append(len({(x, y) for x, y in pixels if 0 <= x < nx and 0 <= y < ny}))
        start = end
else:
    im = ps["image_mask"][()]
    counts = [int(np.count_nonzero(m > 0)) for m in im]
json.dump({"ids": ids, "pixels": counts}, sys.stdout)
