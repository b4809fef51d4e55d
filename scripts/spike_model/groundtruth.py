"""The CASCADE ground-truth collection (MATLAB v5 files, one cell array `CAttached` per cell, one
struct per recording) as plain numpy arrays: frame times (s), ΔF/F, spike times (s)."""
import glob
import os

import numpy as np
import scipy.io as sio

DATASETS = (
    "DS09-GCaMP6f-m-V1",
    "DS10-GCaMP6f-m-V1-neuropil-corrected",
    "DS11-GCaMP6f-m-V1-neuropil-corrected",
    "DS13-GCaMP6s-m-V1-neuropil-corrected",
    "DS14-GCaMP6s-m-V1",
)


def _field(rec, name, path):
    if name not in rec.dtype.names:
        raise ValueError(f"{path}: recording has no field {name!r}")
    return np.asarray(rec[name][0, 0] if rec[name].dtype == object else rec[name], dtype=float).ravel()


def read_cell(path):
    """Recordings of one cell: list of dicts with t (s), dff, spikes (s)."""
    top = sio.loadmat(path)["CAttached"]
    out = []
    for item in top.ravel():
        rec = item[0, 0] if item.dtype == object else item
        rec = rec if rec.dtype.names else rec[0, 0]
        t = _field(rec, "fluo_time", path)
        y = _field(rec, "fluo_mean", path)[: len(t)]
        spikes = _field(rec, "events_AP", path) / 1e4
        keep = np.isfinite(t)
        out.append({"t": t[keep], "dff": y[keep], "spikes": np.sort(spikes[np.isfinite(spikes)])})
    return out


def load_collection(root):
    """{dataset: [{name, recordings}]} for the five datasets, cells sorted by file name."""
    data = {}
    for ds in DATASETS:
        files = sorted(glob.glob(os.path.join(root, ds, "*.mat")))
        if not files:
            raise FileNotFoundError(f"{os.path.join(root, ds)}: no .mat files (expected the CASCADE ground-truth layout)")
        data[ds] = [{"name": os.path.basename(f)[: -len(".mat")], "recordings": read_cell(f)} for f in files]
    return data
