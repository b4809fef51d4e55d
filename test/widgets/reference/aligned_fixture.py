# A bundled recording (Chen2013 GCaMP6s cell 4: ΔF/F with timestamps, cell-attached voltage at
# 20 kHz with conversion 2e-6 V) copied with a trials table added: 30 trials, a text column
# "condition" (A/B/C), a float column "amplitude" (seeded random, some ties) and a start_time
# every 1.7 s. Usage: aligned_fixture.py OUT.nwb
import shutil
import sys
import uuid
from pathlib import Path

import h5py
import numpy as np

src = Path(__file__).resolve().parents[3] / "data/recordings/Chen2013_GCaMP6s_cell4_rec1.nwb"
out = sys.argv[1]
shutil.copyfile(src, out)
n = 30
rng = np.random.default_rng(16)
start = 2.0 + 1.7 * np.arange(n)
condition = np.array(["ABC"[i % 3] for i in range(n)], dtype=object)
amplitude = np.round(rng.uniform(0, 5, n), 0)  # integers 0…5: ties inside groups


def column(g, name, data, description, dtype=None):
    d = g.create_dataset(name, data=data, dtype=dtype)
    d.attrs["neurodata_type"] = "VectorData"
    d.attrs["namespace"] = "hdmf-common"
    d.attrs["object_id"] = str(uuid.uuid4())
    d.attrs["description"] = description


with h5py.File(out, "a") as f:
    intervals = f.require_group("intervals")
    t = intervals.create_group("trials")
    t.attrs["neurodata_type"] = "TimeIntervals"
    t.attrs["namespace"] = "core"
    t.attrs["object_id"] = str(uuid.uuid4())
    t.attrs["description"] = "trials for the aligned-view tests"
    t.attrs["colnames"] = np.array(
        ["start_time", "stop_time", "condition", "amplitude"], dtype=h5py.special_dtype(vlen=str)
    )
    column(t, "start_time", start, "Start time of epoch, in seconds")
    column(t, "stop_time", start + 1.0, "Stop time of epoch, in seconds")
    column(t, "condition", condition, "stimulus condition", dtype=h5py.special_dtype(vlen=str))
    column(t, "amplitude", amplitude, "stimulus amplitude")
    ids = t.create_dataset("id", data=np.arange(n, dtype=np.int64))
    ids.attrs["neurodata_type"] = "ElementIdentifiers"
    ids.attrs["namespace"] = "hdmf-common"
    ids.attrs["object_id"] = str(uuid.uuid4())

    # Units: the cell's unit and 5 more made from it (every (k+1)-th spike, shifted k·10 ms), with a
    # text column "quality" and a float column "depth", for grouping / sorting raster rows.
    u = f["units"]
    idx = u["spike_times_index"][()]
    first = u["spike_times"][: idx[0]]
    trains = [first] + [first[k :: k + 1] + 0.01 * k for k in range(1, 6)]
    ends = np.cumsum([len(tr) for tr in trains])
    for name, data in [("spike_times", np.concatenate(trains)), ("spike_times_index", ends), ("id", np.arange(6))]:
        attrs = dict(u[name].attrs)
        dtype = u[name].dtype
        del u[name]
        d = u.create_dataset(name, data=data.astype(dtype))
        for k, v in attrs.items():
            d.attrs[k] = v
    u["spike_times_index"].attrs["target"] = u["spike_times"].ref  # the index's target was recreated
    column(u, "quality", np.array(["good", "mua", "good", "mua", "mua", "good"], dtype=object), "sorting quality", dtype=h5py.special_dtype(vlen=str))
    column(u, "depth", np.round(rng.uniform(100, 900, 6), 0), "depth (um)")
    u.attrs["colnames"] = np.array(list(u.attrs["colnames"]) + ["quality", "depth"], dtype=h5py.special_dtype(vlen=str))
