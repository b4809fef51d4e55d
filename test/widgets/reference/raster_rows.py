# RasterView rows grouped and sorted by a table column, from h5py: rows grouped by GROUP's values
# (groups in ascending order), sorted by SORT within a group (ties in file order); each row's spike
# times as stored (units rows) or unit 0's spikes in [event − 1, event + 2) minus the event (trial
# rows, events = trials.start_time).
# Usage: raster_rows.py FILE units|trials GROUP|- SORT → {"ids", "groups": [{"key", "n"}], "rows"}
import json
import sys

import h5py
import numpy as np

path, mode, group, sort = sys.argv[1:5]
f = h5py.File(path, "r")
idx = f["units/spike_times_index"][()]
st = f["units/spike_times"][()]
trains = [np.sort(st[(idx[i - 1] if i else 0) : idx[i]]) for i in range(len(idx))]
table = f["units"] if mode == "units" else f["intervals/trials"]


def values(name):
    v = table[name][()]
    return [x.decode() if isinstance(x, bytes) else x for x in v]


g, s = ([""] * len(values(sort)) if group == "-" else values(group)), values(sort)
n = len(g)
order = sorted(range(n), key=lambda i: (g[i], s[i], i))
if mode == "units":
    ids = [int(f["units/id"][i]) for i in order]
    rows = [trains[i].tolist() for i in order]
else:
    start = f["intervals/trials/start_time"][()]
    ids = order
    u = trains[0]
    rows = [(u[(u >= start[i] - 1) & (u < start[i] + 2)] - start[i]).tolist() for i in order]
groups = []
for i in order:
    if groups and groups[-1]["key"] == str(g[i]):
        groups[-1]["n"] += 1
    else:
        groups.append({"key": str(g[i]), "n": 1})
json.dump({"ids": ids, "groups": groups, "rows": rows}, sys.stdout)
