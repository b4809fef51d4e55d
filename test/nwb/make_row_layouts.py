"""Writes an HDF5 file with the storage layouts the reader serves by file position, and ones it
must leave to HDF5: contiguous 2-D/3-D, chunks spanning whole rows (with a partial last chunk),
1-D chunked int64, chunks partly never written (fill value: nothing to learn there), and —
served by HDF5 — chunks narrower than a row, gzip, big-endian, a virtual dataset, and a
never-written contiguous dataset (fill value, no storage). Seeded random values.
Usage: make_row_layouts.py OUT.h5"""
import sys

import h5py
import numpy as np

rng = np.random.default_rng(11)
with h5py.File(sys.argv[1], "w") as f:
    f.create_dataset("contiguous2d", data=rng.normal(size=(20000, 16)).astype(np.float32))
    f.create_dataset("contiguous3d", data=rng.integers(-30000, 30000, (20000, 4, 8), dtype=np.int16))
    f.create_dataset("rowchunks", data=rng.normal(size=(20500, 16)), chunks=(1000, 16))
    f.create_dataset("chunked1d", data=np.cumsum(rng.integers(0, 50, 300_000)).astype(np.int64), chunks=(4096,))
    f.create_dataset("narrowchunks", data=rng.normal(size=(20000, 16)).astype(np.float32), chunks=(1000, 8))
    f.create_dataset("gzip", data=rng.normal(size=(20000, 16)).astype(np.float32), chunks=(1000, 16), compression="gzip")
    f.create_dataset("bigendian", data=rng.normal(size=(20000, 16)).astype(">f4"))
    f.create_dataset("unwritten", shape=(400_000,), dtype=np.float32, fillvalue=1.5)
    sparse = f.create_dataset("sparsechunks", shape=(20000, 16), dtype=np.float64, chunks=(1000, 16), fillvalue=-2.0)
    sparse[3000:5000] = rng.normal(size=(2000, 16))
    sparse[12000:12500] = rng.normal(size=(500, 16))
    # A virtual dataset whose halves come from two datasets of this file in swapped order (its rows
    # are not where a contiguous layout would put them): HDF5 must gather it.
    a = f.create_dataset("source_a", data=rng.normal(size=(10000, 16)).astype(np.float32))
    b = f.create_dataset("source_b", data=rng.normal(size=(10000, 16)).astype(np.float32))
    layout = h5py.VirtualLayout(shape=(20000, 16), dtype=np.float32)
    layout[:10000] = h5py.VirtualSource(b)
    layout[10000:] = h5py.VirtualSource(a)
    f.create_virtual_dataset("virtual", layout)
