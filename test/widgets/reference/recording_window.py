# The samples of a 1-D (or first-column) series with timestamps in [T0, T1], read with h5py.
# Usage: recording_window.py FILE SERIES_PATH T0 T1 → {"t": [...], "v": [...]}
import json
import sys

import h5py
import numpy as np

f = h5py.File(sys.argv[1], "r")
s = f[sys.argv[2]]
t = s["timestamps"][()]
t0, t1 = float(sys.argv[3]), float(sys.argv[4])
a, b = np.searchsorted(t, t0, "left"), np.searchsorted(t, t1, "right")
v = s["data"][a:b].astype(float)
v = v[:, 0] if v.ndim > 1 else v
json.dump({"t": t[a:b].tolist(), "v": v.tolist()}, sys.stdout)
