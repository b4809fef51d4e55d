# Reference for the zoom benchmark: for each window, read it with h5py and min/max-decimate it to
# the pixel width with numpy (per-bucket min and max over equal index buckets), timed per window.
# Usage: numpy_zoom.py FILE.nwb DATASET WINDOWS.json  (windows: [[t0, t1, pixels], …]); prints ms list.
import json
import sys
import time

import h5py
import numpy as np

f = h5py.File(sys.argv[1], "r")
ds = f[sys.argv[2]]
rate = float(f[sys.argv[2].rsplit("/", 1)[0] + "/starting_time"].attrs["rate"])
windows = json.load(open(sys.argv[3]))
times = []
for t0, t1, px in windows:
    start = time.perf_counter()
    i0, i1 = int(np.ceil(t0 * rate)), int(np.floor(t1 * rate)) + 1
    x = ds[i0:i1]
    n = (x.size // px) * px
    if n >= px * 4:
        b = x[:n].reshape(px, -1)
        out = np.empty(2 * px, dtype=x.dtype)
        out[0::2] = np.nanmin(b, axis=1)
        out[1::2] = np.nanmax(b, axis=1)
    else:
        out = x
    times.append((time.perf_counter() - start) * 1000)
json.dump(times, sys.stdout)
