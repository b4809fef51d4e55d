# What the recording dashboard should show for a DANDI:000048-layout file, read with h5py + numpy:
# the unit's spike times, the isolated AP-count events of Huang et al. 2021 (spikes within 0.25 s
# of an event's first spike join it; isolated when no spike within `before` of the first and
# `after` of the last) and each event's peak ΔF/F (the maximum within the search window after
# onset, averaged over ±0.05 s around it).
# Usage: recording.py FILE → {"spikes", "indicator", "events": [[onset, last, count]], "peak",
#   "frameInterval": the ΔF/F frame interval, the median spacing of its timestamps}
import json
import sys

import h5py
import numpy as np

WINDOWS = {  # before, after, peak search (s)
    "GCaMP6s": (1.0, 0.5, 0.5),
    "GCaMP6f": (0.3, 0.3, 0.3),
}

f = h5py.File(sys.argv[1], "r")
spikes = np.sort(f["units/spike_times"][: f["units/spike_times_index"][0]])
indicator = f["general/optophysiology/ImagingPlane/indicator"][()].decode()
indicator = "GCaMP6s" if "6s" in indicator.lower() else "GCaMP6f"
before, after, search = WINDOWS[indicator]

groups = []
i = 0
while i < len(spikes):
    j = i
    while j + 1 < len(spikes) and spikes[j + 1] - spikes[i] <= 0.25:
        j += 1
    prev = spikes[i - 1] if i > 0 else -np.inf
    nxt = spikes[j + 1] if j + 1 < len(spikes) else np.inf
    if spikes[i] - prev >= before and nxt - spikes[j] >= after:
        groups.append([float(spikes[i]), float(spikes[j]), j - i + 1])
    i = j + 1

rrs = f["processing/ophys/DfOverF/roi_response_series"]
dff = rrs["data"][()].astype(float)
dff = dff[:, 0] if dff.ndim > 1 else dff
t = rrs["timestamps"][()]
peak = []
for onset, _, _ in groups:
    a, b = np.searchsorted(t, onset), np.searchsorted(t, onset + search + 1e-12)
    if b <= a:
        peak.append(None)
        continue
    im = a + int(np.argmax(dff[a:b]))
    lo = np.searchsorted(t, t[im] - 0.05 - 1e-12)
    hi = np.searchsorted(t, t[im] + 0.05 + 1e-12)
    peak.append(float(dff[lo:hi].mean()))

json.dump(
    {
        "spikes": spikes.tolist(),
        "indicator": indicator,
        "events": groups,
        "peak": peak,
        "frameInterval": float(np.median(np.diff(t))),
    },
    sys.stdout,
)
