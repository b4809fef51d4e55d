# Event-triggered ΔF/F averages per AP class, pooled per indicator group, read with h5py — the
# definitions of Huang et al. 2021 as CouplingView uses them: isolated events (isolated_events.py:
# spikes within 0.25 s of the first; no spike within 1 s before / 0.5 s after for GCaMP6s, 0.3 s for
# GCaMP6f);
# traces linearly interpolated at onset + lag, lag = -pre + k·dt, dt = finest mean frame interval;
# events whose window leaves the recording are skipped; classes 1, 2, 3+ pool all their events.
# Usage: coupling_averages.py PRE POST FILE… → {group: {class: {"n", "mean", "sem"}}, "_events":
# the first file's isolated events in the view's row order (class 1, 2, 3+, then onset), each
# {"onset", "cls", "trace"}}
import json
import sys

import h5py
import numpy as np
from isolated_events import ISOLATION_WINDOWS, isolated_events, unit_spike_times

pre, post = float(sys.argv[1]), float(sys.argv[2])
cells = []
for path in sys.argv[3:]:
    f = h5py.File(path, "r")
    spikes = unit_spike_times(f)
    rrs = f["processing/ophys/DfOverF/roi_response_series"]
    dff, t = rrs["data"][()].astype(float), rrs["timestamps"][()]
    ind = next(iter(f["general/optophysiology"].values()))["indicator"][()].decode()
    cells.append((ind, spikes, dff, t))
dt = min((t[-1] - t[0]) / (len(t) - 1) for _, _, _, t in cells)
lags = -pre + np.arange(int(np.floor((pre + post) / dt + 1e-9)) + 1) * dt
out = {}
first_cell_events = []
for k, (ind, spikes, dff, t) in enumerate(cells):
    for onset, _, count in isolated_events(spikes, *ISOLATION_WINDOWS[ind]):
        if onset - pre >= t[0] and onset + post <= t[-1]:
            cls = "1" if count == 1 else "2" if count == 2 else "3+"
            trace = np.interp(onset + lags, t, dff)
            out.setdefault(ind, {}).setdefault(cls, []).append(trace)
            if k == 0:
                first_cell_events.append({"onset": onset, "cls": cls, "trace": trace.tolist()})
res = {}
for ind, classes in out.items():
    res[ind] = {}
    for cls, traces in classes.items():
        a = np.array(traces)
        n = len(a)
        sem = a.std(axis=0, ddof=1) / np.sqrt(n) if n > 1 else np.full(a.shape[1], np.nan)
        res[ind][cls] = {"n": n, "mean": a.mean(axis=0).tolist(), "sem": [None if np.isnan(v) else v for v in sem]}
order = {"1": 0, "2": 1, "3+": 2}
res["_events"] = sorted(first_cell_events, key=lambda e: (order[e["cls"]], e["onset"]))
res["_event_groups"] = {}
for cls in ["1", "2", "3+"]:
    a = np.array([e["trace"] for e in first_cell_events if e["cls"] == cls])
    if len(a):
        sem = a.std(axis=0, ddof=1) / np.sqrt(len(a)) if len(a) > 1 else None
        res["_event_groups"][cls] = {"n": len(a), "mean": a.mean(axis=0).tolist(), "sem": None if sem is None else sem.tolist()}
json.dump(res, sys.stdout)
