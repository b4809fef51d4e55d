"""Writes DIR/raw.nwb for bench/nwb/peak-memory.ts: a recording's whole raw voltage at full length.
The bundled recordings keep 30 s of /acquisition/ElectricalSeries_raw (600,000 int16 samples); a
DANDI:000048 recording is 111-221 s at 40 kHz (4.4-8.8 M samples, up to 57 M for the longest).
The bundled samples are repeated to SAMPLES (default 8,800,000) and stored as DANDI stores them:
int16, chunks of 131,072 samples, gzip level 4, at /acquisition/ts/data like the bench's other files.
Usage: h5py_raw_series.py SOURCE_NWB DIR [SAMPLES]"""
import sys

import h5py
import numpy as np

source, out_dir = sys.argv[1], sys.argv[2]
samples = int(sys.argv[3]) if len(sys.argv) > 3 else 8_800_000
with h5py.File(source, "r") as f:
    raw = f["acquisition/ElectricalSeries_raw/data"]
    stored = raw[()]
    chunks, compression, level = raw.chunks, raw.compression, raw.compression_opts
data = np.resize(stored, samples).astype(np.int16)
with h5py.File(f"{out_dir}/raw.nwb", "w") as f:
    f.attrs["nwb_version"] = "2.5.0"
    f.attrs["neurodata_type"] = "NWBFile"
    f.attrs["namespace"] = "core"
    ts = f.create_group("acquisition/ts")
    ts.attrs["neurodata_type"] = "TimeSeries"
    ts.attrs["namespace"] = "core"
    ds = ts.create_dataset("data", data=data, chunks=chunks, compression=compression, compression_opts=level)
    ds.attrs["unit"] = "volts"
    ds.attrs["conversion"] = 2e-6
    st = ts.create_dataset("starting_time", data=0.0)
    st.attrs["rate"] = 40000.0
