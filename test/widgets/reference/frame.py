# One frame of an ImageSeries read with h5py, flattened row-major as float32 values (first NWB
# axis = rows). Usage: frame.py FILE SERIES_PATH INDEX
import json
import sys

import h5py
import numpy as np

f = h5py.File(sys.argv[1], "r")
ds = f[sys.argv[2]]["data"]
conv = float(ds.attrs.get("conversion", 1.0))
frame = ds[int(sys.argv[3])].astype(np.float64) * conv
json.dump([float(np.float32(v)) for v in frame.ravel()], sys.stdout)
