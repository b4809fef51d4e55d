#!/usr/bin/python3
"""Independent reference for `tsnwb report`: reads each NWB file with h5py and computes, with
numpy, the report's per-cell numbers from the definitions of Huang et al. 2021 (eLife):
AP-count events (spikes within 250 ms of the first), isolation windows per indicator, peak ΔF/F
(max within the search window, mean ±50 ms around it, minus the mean over the isolation window
before onset for the detection statistic), null windows and the 99th-percentile threshold.
Prints one JSON object: {path: {...}}."""
import json
import sys
from pathlib import Path

import h5py
import numpy as np

# The isolated-event grouping is shared with the widget references (one definition to check).
sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "widgets" / "reference"))
from isolated_events import ISOLATION_WINDOWS, JOIN, isolated_events  # noqa: E402

# peak search window and half-width of the mean around the maximum, in s, per indicator
PEAK_WINDOWS = {"GCaMP6s": dict(search=0.5, half=0.05), "GCaMP6f": dict(search=0.3, half=0.05)}
WINDOWS = {ind: dict(group=JOIN, before=b, after=a, **PEAK_WINDOWS[ind]) for ind, (b, a) in ISOLATION_WINDOWS.items()}


def isolated_onsets_counts(spikes, w):
    """(onset, AP count) of each isolated event of sorted `spikes`."""
    return [(onset, count) for onset, _, count in isolated_events(spikes, w["before"], w["after"])]


def peak(dff, t, onset, w, baseline):
    a = np.searchsorted(t, onset, "left")
    b = np.searchsorted(t, onset + w["search"] + 1e-12, "left")
    if b <= a:
        return np.nan
    im = a + int(np.argmax(dff[a:b]))
    lo = np.searchsorted(t, t[im] - w["half"] - 1e-12, "left")
    hi = np.searchsorted(t, t[im] + w["half"] + 1e-12, "left")
    v = dff[lo:hi].mean()
    if baseline > 0:
        bl = np.searchsorted(t, onset - baseline, "left")
        if a > bl:
            v -= dff[bl:a].mean()
    return v


def analyse(path):
    with h5py.File(path, "r") as f:
        rrs = f["processing/ophys/DfOverF/roi_response_series"]
        dff = np.asarray(rrs["data"][()], dtype=np.float64)
        if dff.ndim == 2:
            dff = dff[:, 0]
        dff = dff * rrs["data"].attrs.get("conversion", 1.0) + rrs["data"].attrs.get("offset", 0.0)
        t = np.asarray(rrs["timestamps"][()], dtype=np.float64)
        idx = f["units/spike_times_index"][()]
        spikes = np.asarray(f["units/spike_times"][: idx[0]], dtype=np.float64)
        indicator = f["general/optophysiology/ImagingPlane/indicator"][()]
        indicator = indicator.decode() if isinstance(indicator, bytes) else str(indicator)
    ind = "GCaMP6s" if "6s" in indicator.lower() else "GCaMP6f"
    w = WINDOWS[ind]
    spikes = spikes[(spikes >= t[0]) & (spikes <= t[-1])]
    duration = t[-1] - t[0]
    ev = [e for e in isolated_onsets_counts(spikes, w) if e[0] + w["search"] <= t[-1]]
    cls = lambda k: "1" if k == 1 else ("2" if k == 2 else "3+")
    counts = {c: sum(1 for e in ev if cls(e[1]) == c) for c in ("1", "2", "3+")}
    peaks = {}
    for c in ("1", "2", "3+"):
        p = [peak(dff, t, e[0], w, 0) for e in ev if cls(e[1]) == c]
        p = [v for v in p if np.isfinite(v)]
        peaks[c] = float(np.mean(p)) if p else None
    # Detection probability at 1% false positives.
    nulls = []
    x = t[0] + w["before"]
    while x + w["search"] <= t[-1]:
        i = np.searchsorted(spikes, x - w["before"], "left")
        if not (i < len(spikes) and spikes[i] <= x + w["group"] + w["after"]):
            nulls.append(x)
        x += w["search"]
    null_peaks = np.array([peak(dff, t, x, w, w["before"]) for x in nulls])
    null_peaks = null_peaks[~np.isnan(null_peaks)]
    det = {"1": None, "2": None}
    thr = None
    if len(null_peaks) >= 100:
        thr = float(np.quantile(null_peaks, 0.99))
        ev_all = [e for e in isolated_onsets_counts(spikes, w) if e[0] + w["search"] <= t[-1] and e[0] >= t[0]]
        for k in (1, 2):
            p = np.array([peak(dff, t, e[0], w, w["before"]) for e in ev_all if e[1] == k])
            det[str(k)] = float(np.mean(p > thr)) if len(p) else None
    return dict(indicator=ind, spikes=int(len(spikes)), duration=float(duration), rate=float(len(spikes) / duration),
                frames=int(len(t)), events=counts, peakDff=peaks, threshold=thr, detection=det)


print(json.dumps({p: analyse(p) for p in sys.argv[1:]}))
