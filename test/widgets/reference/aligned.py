# Event-aligned traces of a TimeSeries read with h5py, as AlignedView defines them: values scaled to
# the series' unit (data · conversion + offset); lag step dt = max(mean sample interval,
# (end − start)/(maxLags − 1)); lags = start + k·dt, k = 0 … floor((end − start)/dt + 1e-9);
# each event's trace = np.interp(event + lags, t, values); events whose window leaves [t0, tN]
# skipped; groups ordered by their value (text or number), trials in a group by the sort column
# (ties: event order); mean and s.e.m. (ddof = 1) per group.
# Usage: aligned.py FILE SERIES_PATH EVENTS START END MAX_LAGS GROUP_BY SORT_BY
#   EVENTS: "trials:COLUMN" (a column of /intervals/trials), "units:I" (unit I's spike times) or
#   "units:all" (every unit's spikes, unit after unit, with columns "unit" (id) and the units
#   table's scalar columns)
#   GROUP_BY / SORT_BY: a trials column or "-"
import json
import sys

import h5py
import numpy as np

path, series, events, start, end, max_lags, group_by, sort_by = sys.argv[1:9]
start, end, max_lags = float(start), float(end), int(max_lags)
f = h5py.File(path, "r")
s = f[series]
d = s["data"]
values = d[()].astype(float) * d.attrs.get("conversion", 1.0) + d.attrs.get("offset", 0.0)
if "timestamps" in s:
    t = s["timestamps"][()]
else:
    st = s["starting_time"]
    t = st[()] + np.arange(len(values)) / st.attrs["rate"]
dt = max((t[-1] - t[0]) / (len(t) - 1), (end - start) / (max_lags - 1))
lags = start + np.arange(int(np.floor((end - start) / dt + 1e-9)) + 1) * dt
columns = {}
if events.startswith("trials:"):
    tr = f["intervals/trials"]
    for name in tr.attrs["colnames"]:
        v = tr[name][()]
        columns[name] = [x.decode() if isinstance(x, bytes) else float(x) for x in v]
    times = np.asarray(columns[events.split(":", 1)[1]], dtype=float)
elif events == "units:all":
    u = f["units"]
    idx = u["spike_times_index"][()]
    counts = np.diff(np.concatenate([[0], idx]))
    times = u["spike_times"][: idx[-1]]
    per_unit = {"unit": [int(x) for x in u["id"][()]]}
    for name in u.attrs["colnames"]:
        v = u[name]
        if name != "spike_times" and v.ndim == 1 and len(v) == len(idx):
            per_unit[name] = [x.decode() if isinstance(x, bytes) else float(x) for x in v[()]]
    for name, v in per_unit.items():
        columns[name] = [v[k] for k, c in enumerate(counts) for _ in range(c)]
else:
    i = int(events.split(":", 1)[1])
    idx = f["units/spike_times_index"][()]
    times = f["units/spike_times"][(idx[i - 1] if i else 0) : idx[i]]
kept = [k for k, e in enumerate(times) if e + start >= t[0] and e + end <= t[-1]]
traces = {k: np.interp(times[k] + lags, t, values) for k in kept}
groups = {}
for k in kept:
    groups.setdefault(columns[group_by][k] if group_by != "-" else "all trials", []).append(k)
out_groups, rows = [], []
for key in sorted(groups):
    members = groups[key]
    if sort_by != "-":
        members = sorted(members, key=lambda k: (columns[sort_by][k], k))
    x = np.array([traces[k] for k in members])
    out_groups.append(
        {
            "key": str(key),
            "n": len(members),
            "mean": x.mean(axis=0).tolist(),
            "sem": (x.std(axis=0, ddof=1) / np.sqrt(len(members))).tolist() if len(members) > 1 else None,
        }
    )
    rows += members
print(
    json.dumps(
        {
            "lags": lags.tolist(),
            "rows": rows,
            "traces": [traces[k].tolist() for k in rows],
            "groups": out_groups,
            "skipped": len(times) - len(kept),
            "eventCount": len(times),
        }
    )
)
