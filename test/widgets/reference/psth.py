# Spike raster + PSTH of a Units table read with h5py, the same definitions as RasterView:
# trials: spikes of unit U with e - before <= t < e + after, relative to each event e of a column;
# PSTH: counts in bins of `bin` over [-before, after), divided by (trials x bin) -> Hz.
# Usage: psth.py FILE /units UNIT_INDEX /intervals/trials COLUMN BEFORE AFTER BIN
import json
import sys

import h5py
import numpy as np

path, units, u, table, column, before, after, binsize = sys.argv[1:9]
u, before, after, binsize = int(u), float(before), float(after), float(binsize)
f = h5py.File(path, "r")
st = f[units]["spike_times"][()]
idx = f[units]["spike_times_index"][()]
start = 0 if u == 0 else idx[u - 1]
times = np.sort(st[start:idx[u]])
events = f[table][column][()]
rows = [times[(times >= e - before) & (times < e + after)] - e for e in events]
nb = int(np.ceil((after + before) / binsize - 1e-9))
counts = np.zeros(nb)
for r in rows:
    r = r[(r >= -before) & (r < after)]
    b = np.minimum(np.floor((r + before) / binsize).astype(int), nb - 1)
    np.add.at(counts, b, 1)
rate = counts / (len(events) * binsize)
json.dump({"counts": [len(r) for r in rows], "rate": rate.tolist(), "total": int(len(times))}, sys.stdout)
