"""h5py side of bench/nwb/read-bench.ts. make DIR: writes the three 100 MB float32 benchmark files
(contiguous, chunked, chunked+gzip) as minimal NWB files with /acquisition/ts/data [ROWS, 100]
at 1 kHz (ROWS: the optional third argument, default 250000). serve DIR: answers lines "LAYOUT READ START" on stdin with the milliseconds one h5py
read took, so the TypeScript side can interleave both readers under the same machine load."""
import json
import sys
import time

import h5py
import numpy as np

ROWS, COLS = int(sys.argv[3]) if len(sys.argv) > 3 else 250_000, 100
LAYOUTS = {"contiguous": {}, "chunked": {"chunks": (2500, COLS)}, "gzip": {"chunks": (2500, COLS), "compression": "gzip", "compression_opts": 4}}
WINDOW = ROWS // 100  # 1% of the rows


def make(d):
    rng = np.random.default_rng(0)
    # a random walk per channel: realistic, and compressible like recorded signals
    data = np.cumsum(rng.normal(0, 1, (ROWS, COLS)).astype(np.float32), axis=0, dtype=np.float32)
    for name, opts in LAYOUTS.items():
        with h5py.File(f"{d}/{name}.nwb", "w") as f:
            f.attrs["nwb_version"] = "2.5.0"
            f.attrs["neurodata_type"] = "NWBFile"
            f.attrs["namespace"] = "core"
            ts = f.create_group("acquisition/ts")
            ts.attrs["neurodata_type"] = "TimeSeries"
            ts.attrs["namespace"] = "core"
            ds = ts.create_dataset("data", data=data, **opts)
            ds.attrs["unit"] = "a.u."
            st = ts.create_dataset("starting_time", data=0.0)
            st.attrs["rate"] = 1000.0


def serve(d):
    files = {name: h5py.File(f"{d}/{name}.nwb", "r") for name in LAYOUTS}
    for line in sys.stdin:
        layout, kind, start = line.split()
        ds = files[layout]["acquisition/ts/data"]
        start = int(start)
        t0 = time.perf_counter()
        if kind == "full":
            ds[()]
        elif kind == "window":
            ds[start : start + WINDOW]
        else:
            ds[:, 37]
        print((time.perf_counter() - t0) * 1000, flush=True)


if __name__ == "__main__":
    {"make": make, "serve": serve}[sys.argv[1]](sys.argv[2])
