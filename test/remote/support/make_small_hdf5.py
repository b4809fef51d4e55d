"""Writes a small HDF5 file (about 4 MB) for the remote fault and cache tests: a chunked float64
series whose values depend on SEED, so two files of the same layout differ in content.
Usage: make_small_hdf5.py OUT.h5 SEED [EXTRA_SAMPLES]"""
import sys

import h5py
import numpy as np

out, seed = sys.argv[1], int(sys.argv[2])
extra = int(sys.argv[3]) if len(sys.argv) > 3 else 0
n = 500_000 + extra
with h5py.File(out, "w") as f:
    f.attrs["seed"] = seed
    g = f.create_group("acquisition/series")
    g.attrs["neurodata_type"] = "TimeSeries"
    g.create_dataset("data", data=np.random.default_rng(seed).standard_normal(n), chunks=(8192,))
    g.create_dataset("timestamps", data=np.arange(n) / 1000.0, chunks=(8192,), compression="gzip")
