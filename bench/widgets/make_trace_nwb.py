# Writes a minimal NWB 2.5 file with one 40 kHz × 10 min cell-attached-like trace (24 M float32
# samples, chunked) for the zoom benchmark. Usage: make_trace_nwb.py OUT.nwb [SAMPLES]
import sys

import h5py
import numpy as np

N, RATE = int(sys.argv[2]) if len(sys.argv) > 2 else 24_000_000, 40_000.0
out = sys.argv[1]
rng = np.random.default_rng(48)
with h5py.File(out, "w") as f:
    f.attrs["namespace"] = "core"
    f.attrs["neurodata_type"] = "NWBFile"
    f.attrs["nwb_version"] = "2.5.0"
    f.attrs["object_id"] = "00000000-0000-0000-0000-000000000048"
    str_t = h5py.string_dtype()
    f.create_dataset("identifier", data="bench-zoom", dtype=str_t)
    f.create_dataset("session_description", data="zoom latency benchmark trace", dtype=str_t)
    f.create_dataset("session_start_time", data="2026-11-24T00:00:00+00:00", dtype=str_t)
    f.create_dataset("timestamps_reference_time", data="2026-11-24T00:00:00+00:00", dtype=str_t)
    f.create_dataset("file_create_date", data=["2026-11-24T00:00:00+00:00"], dtype=str_t)
    for g in ["acquisition", "analysis", "processing", "stimulus/presentation", "stimulus/templates", "general"]:
        f.require_group(g)
    ts = f["acquisition"].create_group("ElectricalSeries_raw")
    ts.attrs["namespace"] = "core"
    ts.attrs["neurodata_type"] = "TimeSeries"
    ts.attrs["description"] = "synthetic 40 kHz voltage with spikes"
    ts.attrs["comments"] = "no comments"
    ts.attrs["object_id"] = "00000000-0000-0000-0000-000000000001"
    d = ts.create_dataset("data", shape=(N,), dtype="f4", chunks=(1 << 18,))
    step = 1 << 22
    for a in range(0, N, step):
        b = min(N, a + step)
        x = (rng.standard_normal(b - a) * 0.05).astype("f4")
        spikes = rng.random(b - a) < 2e-4
        x[spikes] -= 1.5
        d[a:b] = x
    d.attrs["unit"] = "volts"
    d.attrs["conversion"] = 1.0
    d.attrs["offset"] = 0.0
    d.attrs["resolution"] = -1.0
    st = ts.create_dataset("starting_time", data=0.0)
    st.attrs["rate"] = RATE
    st.attrs["unit"] = "seconds"
