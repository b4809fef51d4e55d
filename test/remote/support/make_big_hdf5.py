"""Writes a >= 200 MB HDF5 file shaped like a DANDI:000048 NWB file (40 kHz cell-attached trace,
ROI fluorescence, units, many small groups) for the remote-reading tests and benchmarks, then reads
it back with h5py and prints reference values as JSON (an independent implementation to compare
against). Usage: make_big_hdf5.py OUT.h5 > OUT.json"""
import json
import sys

import h5py
import numpy as np

RATE = 40000.0
SAMPLES = 52_000_000  # float32: 208 MB
CHUNK = 40_000        # one second per chunk
FRAMES, ROIS = 30_000, 24


def raw_block(start, stop):
    i = np.arange(start, stop, dtype=np.float64)
    return (np.sin(i * 0.0013) * 800.0 + ((i * 7919) % 1013) - 506.0).astype(np.float32)


def main(out):
    with h5py.File(out, "w") as f:
        f.attrs["namespace"] = "core"
        f.attrs["neurodata_type"] = "NWBFile"
        f.attrs["nwb_version"] = "2.2.5"
        f.create_dataset("identifier", data="tsnwb-remote-fixture")
        f.create_dataset("session_description", data="generated for remote reading tests")
        acq = f.create_group("acquisition")
        es = acq.create_group("ElectricalSeries_raw")
        es.attrs["neurodata_type"] = "ElectricalSeries"
        es.attrs["namespace"] = "core"
        data = es.create_dataset("data", shape=(SAMPLES,), dtype="float32", chunks=(CHUNK,))
        data.attrs["unit"] = "volts"
        data.attrs["conversion"] = 1e-6
        for start in range(0, SAMPLES, 4_000_000):
            stop = min(SAMPLES, start + 4_000_000)
            data[start:stop] = raw_block(start, stop)
        st = es.create_dataset("starting_time", data=0.0)
        st.attrs["rate"] = RATE
        st.attrs["unit"] = "seconds"
        # Written after the big dataset, so their object headers sit at the end of the file.
        ophys = f.create_group("processing/ophys")
        rrs = ophys.create_group("Fluorescence/roi_response_series")
        rrs.attrs["neurodata_type"] = "RoiResponseSeries"
        t = np.arange(FRAMES, dtype=np.float64)[:, None]
        roi = np.arange(ROIS, dtype=np.float64)[None, :]
        fluo = (100.0 + 10.0 * np.sin(t * 0.01 * (1.0 + roi / 10.0)) + roi).astype(np.float32)
        rrs.create_dataset("data", data=fluo, chunks=(1000, ROIS), compression="gzip")
        rrs.create_dataset("timestamps", data=np.arange(FRAMES) / 158.0, chunks=(5000,), compression="gzip")
        general = f.create_group("general")
        for k in range(150):
            g = general.create_group(f"device_{k:03d}")
            g.attrs["description"] = f"stand-in device {k}"
            g.attrs["neurodata_type"] = "Device"
            g.create_dataset("serial", data=np.arange(k % 7 + 1, dtype=np.int32))
        units = f.create_group("units")
        spikes = np.sort(np.random.default_rng(48).uniform(0, SAMPLES / RATE, 5000))
        units.create_dataset("spike_times", data=spikes)
        units.create_dataset("spike_times_index", data=np.array([5000], dtype=np.int64))

    with h5py.File(out, "r") as f:
        raw = f["acquisition/ElectricalSeries_raw/data"]
        window_start = int(RATE * 600)  # t = 600 s
        window = raw[window_start:window_start + int(RATE)]
        trace = f["processing/ophys/Fluorescence/roi_response_series/data"][:, 5]
        paths = []
        f.visit(paths.append)
        reference = {
            "samples": SAMPLES,
            "rate": RATE,
            "windowStart": window_start,
            "windowSum": float(window.astype(np.float64).sum()),
            "windowFirst": [float(x) for x in window[:5]],
            "rawLast": [float(x) for x in raw[SAMPLES - 3:]],
            "roiColumn": 5,
            "roiShape": [FRAMES, ROIS],
            "roiSum": float(trace.astype(np.float64).sum()),
            "roiFirst": [float(x) for x in trace[:5]],
            "spikeSum": float(f["units/spike_times"][:].sum()),
            "objectCount": len(paths),
        }
    json.dump(reference, sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1])
