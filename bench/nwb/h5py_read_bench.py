"""h5py side of bench/nwb/read-bench.ts. make DIR: writes the three 100 MB float32 benchmark files
(contiguous, chunked, chunked+gzip) as minimal NWB files with /acquisition/ts/data [250000, 100]
at 1 kHz. time DIR: prints JSON of median times (ms) for the same reads the TypeScript side does."""
import json
import sys
import time

import h5py
import numpy as np

ROWS, COLS = 250_000, 100
LAYOUTS = {"contiguous": {}, "chunked": {"chunks": (2500, COLS)}, "gzip": {"chunks": (2500, COLS), "compression": "gzip", "compression_opts": 4}}
WINDOW = ROWS // 100  # 1% of the rows
REPEATS = {"full": 5, "window": 40, "column": 3}


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


def median_ms(fn, n):
    fn()  # warm-up (file cache, chunk cache)
    ts = []
    for i in range(n):
        t0 = time.perf_counter()
        fn(i)
        ts.append((time.perf_counter() - t0) * 1000)
    return float(np.median(ts))


def timing(d):
    out = {}
    starts = np.random.default_rng(1).integers(0, ROWS - WINDOW, REPEATS["window"] + 1)
    for name in LAYOUTS:
        with h5py.File(f"{d}/{name}.nwb", "r") as f:
            ds = f["acquisition/ts/data"]
            out[name] = {
                "full": median_ms(lambda i=0: ds[()], REPEATS["full"]),
                "window": median_ms(lambda i=0: ds[starts[i] : starts[i] + WINDOW], REPEATS["window"]),
                "column": median_ms(lambda i=0: ds[:, 37], REPEATS["column"]),
            }
    out["starts"] = starts.tolist()
    print(json.dumps(out))


if __name__ == "__main__":
    {"make": make, "time": timing}[sys.argv[1]](sys.argv[2])
