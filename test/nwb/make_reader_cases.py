"""Writes an NWB 2.x file with reader cases no shipped fixture has: an ElectricalSeries with a
per-channel channel_conversion, a PlaneSegmentation with a compound voxel_mask, and a TimeSeries
with 300,000 irregular timestamps (searched on disk, not in memory). Values are seeded random;
the tests read the expected values back with h5py. Usage: make_reader_cases.py OUT.nwb"""
import sys

import h5py
import numpy as np

from nwb_h5py import STR, typed

rng = np.random.default_rng(7)

with h5py.File(sys.argv[1], "w") as f:
    typed(f, "NWBFile", nwb_version="2.6.0")
    f.create_dataset("identifier", data="reader-cases", dtype=STR)
    f.create_dataset("session_description", data="channel_conversion, voxel masks, long timestamps", dtype=STR)
    ece = f.create_group("general/extracellular_ephys")
    el = typed(ece.create_group("electrodes"), "DynamicTable", "hdmf-common", description="electrodes")
    el.attrs["colnames"] = np.array(["location"], dtype=object)
    typed(el.create_dataset("id", data=np.arange(3, dtype=np.int64)), "ElementIdentifiers", "hdmf-common")
    typed(el.create_dataset("location", data=["CA1", "CA3", "DG"], dtype=STR), "VectorData", "hdmf-common", description="where")

    es = typed(f.create_group("acquisition/multi"), "ElectricalSeries", description="3 channels")
    d = es.create_dataset("data", data=rng.integers(-2000, 2000, (1000, 3), dtype=np.int16))
    d.attrs.update({"unit": "volts", "conversion": 2e-6, "offset": -0.001})
    cc = es.create_dataset("channel_conversion", data=np.array([1.0, 2.0, 0.5], dtype=np.float32))
    cc.attrs["axis"] = np.int32(1)
    es.create_dataset("starting_time", data=3.0).attrs["rate"] = 500.0
    typed(es.create_dataset("electrodes", data=np.array([2, 0, 1], dtype=np.int64)), "DynamicTableRegion", "hdmf-common", description="all", table=el.ref)

    wide = typed(f.create_group("acquisition/wide"), "TimeSeries", description="contiguous 20000 x 64 float32 (5 MB)")
    wide.create_dataset("data", data=rng.normal(size=(20000, 64)).astype(np.float32)).attrs["unit"] = "a.u."
    wide.create_dataset("starting_time", data=0.0).attrs["rate"] = 1000.0

    ev = typed(f.create_group("acquisition/events"), "TimeSeries", description="irregular events")
    n = 300_000
    ev.create_dataset("data", data=rng.normal(size=n)).attrs["unit"] = "a.u."
    ev.create_dataset("timestamps", data=np.cumsum(rng.exponential(0.01, n)), chunks=(8192,))

    ps = typed(f.create_group("processing/ophys/ImageSegmentation/volume"), "PlaneSegmentation", description="3-D ROIs")
    typed(f["processing/ophys"], "ProcessingModule", description="ophys")
    typed(f["processing/ophys/ImageSegmentation"], "ImageSegmentation")
    ps.attrs["colnames"] = np.array(["voxel_mask"], dtype=object)
    vt = np.dtype([("x", "<u4"), ("y", "<u4"), ("z", "<u4"), ("weight", "<f4")])
    vm = np.array([(1, 2, 0, 0.5), (1, 3, 0, 1.0), (4, 4, 1, 0.25), (0, 0, 2, 1.0), (5, 1, 2, 0.75)], dtype=vt)
    typed(ps.create_dataset("voxel_mask", data=vm), "VectorData", "hdmf-common", description="voxels")
    typed(ps.create_dataset("voxel_mask_index", data=np.array([3, 5], dtype=np.int64)), "VectorIndex", "hdmf-common", target=ps["voxel_mask"].ref)
    typed(ps.create_dataset("id", data=np.array([0, 1], dtype=np.int64)), "ElementIdentifiers", "hdmf-common")
