"""Writes an NWB 2.x file whose objects each miss a required field or have a wrong shape, next to
one intact TimeSeries, for the reader's per-object error tests. Usage: make_broken_nwb.py OUT.nwb"""
import sys

import h5py
import numpy as np

STR = h5py.string_dtype("utf-8")


def typed(obj, t, ns="core"):
    obj.attrs["neurodata_type"] = t
    obj.attrs["namespace"] = ns
    return obj


with h5py.File(sys.argv[1], "w") as f:
    typed(f, "NWBFile").attrs["nwb_version"] = "2.5.0"
    f.create_dataset("identifier", data="broken", dtype=STR)
    f.create_dataset("session_description", data="objects with missing or misshapen fields", dtype=STR)
    acq = f.create_group("acquisition")
    ok = typed(acq.create_group("intact"), "TimeSeries")
    ok.create_dataset("data", data=np.arange(10.0)).attrs["unit"] = "m"
    ok.create_dataset("starting_time", data=2.0).attrs["rate"] = 10.0
    es = typed(acq.create_group("no_electrodes"), "ElectricalSeries")
    es.create_dataset("data", data=np.zeros((5, 2))).attrs["unit"] = "volts"
    es.create_dataset("starting_time", data=0.0).attrs["rate"] = 1000.0
    tps = typed(acq.create_group("flat_movie"), "TwoPhotonSeries")
    tps.create_dataset("data", data=np.zeros(7)).attrs["unit"] = "n/a"
    tps.create_dataset("starting_time", data=0.0).attrs["rate"] = 30.0
    nt = typed(acq.create_group("no_time_base"), "TimeSeries")
    nt.create_dataset("data", data=np.zeros(4)).attrs["unit"] = "s"
    ps = typed(f.create_group("processing/ophys/ImageSegmentation/segmentation"), "PlaneSegmentation")
    typed(f["processing/ophys"], "ProcessingModule")
    typed(f["processing/ophys/ImageSegmentation"], "ImageSegmentation")
    ps.attrs["colnames"] = np.array(["pixel_mask"], dtype=object)
    typed(ps.create_dataset("pixel_mask", data=np.zeros((4, 2), dtype=np.int32)), "VectorData", "hdmf-common")
    idx = typed(ps.create_dataset("pixel_mask_index", data=np.array([4], dtype=np.int64)), "VectorIndex", "hdmf-common")
    idx.attrs["target"] = ps["pixel_mask"].ref
    typed(ps.create_dataset("id", data=np.array([0], dtype=np.int64)), "ElementIdentifiers", "hdmf-common")
