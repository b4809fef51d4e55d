# What the recording dashboard should show for a DANDI:000048-layout file, read with h5py + numpy:
# the unit's spike times, the isolated AP-count events of Huang et al. 2021 (isolated_events.py)
# and each event's peak ΔF/F (the maximum within the search window after
# onset, averaged over ±0.05 s around it).
# Usage: recording.py FILE → {"spikes", "indicator", "events": [[onset, last, count]], "peak",
#   "frameInterval": the ΔF/F frame interval, the median spacing of its timestamps}
import json
import sys

import h5py
import numpy as np
from isolated_events import ISOLATION_WINDOWS, isolated_events, unit_spike_times

PEAK_SEARCH = {"GCaMP6s": 0.5, "GCaMP6f": 0.3}  # s after onset

f = h5py.File(sys.argv[1], "r")
spikes = unit_spike_times(f)
indicator = f["general/optophysiology/ImagingPlane/indicator"][()].decode()
indicator = "GCaMP6s" if "6s" in indicator.lower() else "GCaMP6f"
before, after = ISOLATION_WINDOWS[indicator]
search = PEAK_SEARCH[indicator]

groups = isolated_events(spikes, before, after)

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
